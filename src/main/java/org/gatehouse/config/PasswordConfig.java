package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.passwords.*}: the Argon2id parameters new password hashes are made
 * with ({@code argon2.memory-kib}, {@code argon2.iterations}, {@code argon2.parallelism}), the
 * pepper of bcrypt hashes imported from Synapse ({@code bcrypt-pepper}, Synapse's
 * {@code password_config.pepper}) and the password policy ({@code policy.min-length},
 * {@code policy.require-digit}, {@code policy.require-lowercase}, {@code policy.require-uppercase},
 * {@code policy.require-symbol}).
 */
@ApplicationScoped
public class PasswordConfig implements ValidatedConfig {

    /** 4 GiB: beyond this a single login would exhaust a typical server's heap. */
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    public static final int MAX_ITERATIONS = 100;
    /** Argon2's own lower bound on memory (RFC 9106, section 3.1): 8 KiB per lane. */
    public static final int MIN_MEMORY_KIB_PER_LANE = 8;
    /**
     * The least memory × passes (KiB) of OWASP's recommended Argon2id settings (7 MiB with five
     * passes; 19 MiB with two, the default, is above it). Cheaper settings are allowed, for tests
     * and benchmarks, but logged as a warning at deployment.
     */
    public static final long RECOMMENDED_MIN_COST = 7168L * 5;
    public static final int MAX_PARALLELISM = 16;

    private int argon2MemoryKib;
    private int argon2Iterations;
    private int argon2Parallelism;
    private String bcryptPepper;
    private int minLength;
    private boolean requireDigit;
    private boolean requireLowercase;
    private boolean requireUppercase;
    private boolean requireSymbol;

    protected PasswordConfig() {
    }

    @Inject
    public PasswordConfig(
            @ConfigProperty(name = "gatehouse.passwords.argon2.memory-kib", defaultValue = "19456") int argon2MemoryKib,
            @ConfigProperty(name = "gatehouse.passwords.argon2.iterations", defaultValue = "2") int argon2Iterations,
            @ConfigProperty(name = "gatehouse.passwords.argon2.parallelism", defaultValue = "1") int argon2Parallelism,
            @ConfigProperty(name = "gatehouse.passwords.bcrypt-pepper") Optional<String> bcryptPepper,
            @ConfigProperty(name = "gatehouse.passwords.policy.min-length", defaultValue = "8") int minLength,
            @ConfigProperty(name = "gatehouse.passwords.policy.require-digit", defaultValue = "false") boolean requireDigit,
            @ConfigProperty(name = "gatehouse.passwords.policy.require-lowercase", defaultValue = "false") boolean requireLowercase,
            @ConfigProperty(name = "gatehouse.passwords.policy.require-uppercase", defaultValue = "false") boolean requireUppercase,
            @ConfigProperty(name = "gatehouse.passwords.policy.require-symbol", defaultValue = "false") boolean requireSymbol) {
        this.argon2MemoryKib = argon2MemoryKib;
        this.argon2Iterations = argon2Iterations;
        this.argon2Parallelism = argon2Parallelism;
        this.bcryptPepper = bcryptPepper.orElse("");
        this.minLength = minLength;
        this.requireDigit = requireDigit;
        this.requireLowercase = requireLowercase;
        this.requireUppercase = requireUppercase;
        this.requireSymbol = requireSymbol;
    }

    /** Argon2id memory cost of new hashes, in KiB. */
    public int argon2MemoryKib() {
        return argon2MemoryKib;
    }

    /** Argon2id time cost (passes over memory) of new hashes. */
    public int argon2Iterations() {
        return argon2Iterations;
    }

    /** Argon2id degree of parallelism (lanes) of new hashes. */
    public int argon2Parallelism() {
        return argon2Parallelism;
    }

    /** The secret appended to a password before checking it against a bcrypt hash; empty when unset. */
    public String bcryptPepper() {
        return bcryptPepper;
    }

    /** The fewest Unicode code points a new password may have. */
    public int minLength() {
        return minLength;
    }

    public boolean requireDigit() {
        return requireDigit;
    }

    public boolean requireLowercase() {
        return requireLowercase;
    }

    public boolean requireUppercase() {
        return requireUppercase;
    }

    public boolean requireSymbol() {
        return requireSymbol;
    }

    @Override
    public void validate(ConfigProblems problems) {
        int minMemory = MIN_MEMORY_KIB_PER_LANE * Math.max(1, argon2Parallelism);
        problems.require(argon2MemoryKib >= minMemory && argon2MemoryKib <= MAX_MEMORY_KIB,
                "gatehouse.passwords.argon2.memory-kib must be between " + minMemory + " (8 per lane) and "
                        + MAX_MEMORY_KIB + ", was " + argon2MemoryKib);
        problems.require(argon2Iterations >= 1 && argon2Iterations <= MAX_ITERATIONS,
                "gatehouse.passwords.argon2.iterations must be between 1 and " + MAX_ITERATIONS + ", was " + argon2Iterations);
        problems.require(argon2Parallelism >= 1 && argon2Parallelism <= MAX_PARALLELISM,
                "gatehouse.passwords.argon2.parallelism must be between 1 and " + MAX_PARALLELISM + ", was " + argon2Parallelism);
        problems.recommend((long) argon2MemoryKib * argon2Iterations >= RECOMMENDED_MIN_COST,
                "gatehouse.passwords.argon2 memory-kib=" + argon2MemoryKib + " with iterations=" + argon2Iterations
                        + " is cheaper than OWASP's recommended Argon2id settings (e.g. 19456 KiB with 2 iterations):"
                        + " stolen password hashes would be cheap to crack");
        problems.require(minLength >= 0 && minLength <= 1024,
                "gatehouse.passwords.policy.min-length must be between 0 and 1024, was " + minLength);
    }
}
