package org.gatehouse.credential;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.gatehouse.config.PasswordConfig;

/**
 * Hashes passwords with Argon2id and verifies them against Argon2id hashes and against the bcrypt
 * hashes ({@code $2a$}, {@code $2b$}, {@code $2y$}) that Synapse stores, so that accounts imported
 * from Synapse keep their passwords.
 *
 * <p>Argon2id hashes are PHC strings,
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<parallelism>$<salt>$<hash>}, with the salt and
 * hash in standard Base64 without padding; new ones have a 16-byte random salt, a 32-byte hash and
 * the parameters of {@link PasswordConfig}.
 *
 * <p>Every password is normalised to Unicode NFKC and encoded as UTF-8 before hashing, as Synapse
 * does, so that the same password typed on different systems (composed or decomposed accents,
 * full-width forms) matches. For bcrypt the input is the UTF-8 password followed by the UTF-8
 * {@linkplain PasswordConfig#bcryptPepper() pepper}, truncated to its first 72 bytes: bcrypt never
 * looked further, so this is what Synapse's hashes were made from.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int BCRYPT_MAX_BYTES = 72;
    private static final int MAX_STORED_PARALLELISM = 255;
    private static final int MAX_STORED_HASH_BYTES = 1024;

    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$(?:v=(\\d{1,3})\\$)?m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,3})"
                    + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    /** A well-formed bcrypt hash: version, two-digit cost, 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private PasswordConfig config;
    private SecureRandom random;
    private String dummyHash;

    protected PasswordHasher() {
    }

    /** Builds a hasher for {@code config}; computes the dummy hash of {@link #verifyDummy} once, now. */
    @Inject
    public PasswordHasher(PasswordConfig config) {
        this.config = config;
        this.random = new SecureRandom();
        byte[] dummyPassword = new byte[SALT_BYTES];
        random.nextBytes(dummyPassword);
        this.dummyHash = hash(HexFormat.of().formatHex(dummyPassword));
    }

    /**
     * Returns a new Argon2id PHC string for {@code password} with the configured parameters and a
     * fresh random salt.
     *
     * @throws IllegalArgumentException if {@code password} is not valid UTF-16 (an unpaired surrogate)
     */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Argon2Hash params = new Argon2Hash(Argon2id.VERSION_13, config.argon2MemoryKib(),
                config.argon2Iterations(), config.argon2Parallelism(), salt, new byte[HASH_BYTES]);
        return params.withHash(params.derive(passwordBytes(password), HASH_BYTES)).format();
    }

    /**
     * Whether {@code password} matches {@code storedHash}, an Argon2id PHC string (with any
     * parameters) or a bcrypt hash. Returns {@code false} when either is {@code null}, the stored
     * hash is blank, malformed or of another scheme, or the password is not valid UTF-16. Anything
     * else that goes wrong is thrown, never taken for a wrong password (the caller answers 500, and
     * no failed attempt is counted against the account).
     */
    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        if (storedHash.startsWith("$argon2id$")) {
            return verifyArgon2(password, storedHash);
        }
        if (BCRYPT.matcher(storedHash).matches()) {
            byte[] input;
            try {
                input = bcryptInput(password);
            } catch (NotUnicode e) {
                return false;
            }
            try {
                return OpenBSDBCrypt.checkPassword(storedHash, input);
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether {@code storedHash} should be replaced by {@link #hash} after the next successful
     * verification: true unless it is an Argon2id v=19 hash of 32 bytes made with exactly the
     * configured memory, iterations and parallelism (so bcrypt hashes imported from Synapse, and
     * hashes made before a parameter change, are upgraded).
     */
    public boolean needsRehash(String storedHash) {
        return Argon2Hash.parse(storedHash)
                .map(stored -> stored.version() != Argon2id.VERSION_13
                        || stored.memoryKib() != config.argon2MemoryKib()
                        || stored.iterations() != config.argon2Iterations()
                        || stored.parallelism() != config.argon2Parallelism()
                        || stored.hash().length != HASH_BYTES)
                .orElse(true);
    }

    /**
     * Spends the time of one Argon2id verification with the configured parameters and discards the
     * result; call it when there is no hash to verify against (unknown user, account without a
     * password) so that response times do not tell those cases from a wrong password.
     */
    public void verifyDummy(String password) {
        verify(password == null ? "" : password, dummyHash);
    }

    private boolean verifyArgon2(String password, String storedHash) {
        Optional<Argon2Hash> stored = Argon2Hash.parse(storedHash);
        if (stored.isEmpty()) {
            return false;
        }
        byte[] input;
        try {
            input = passwordBytes(password);
        } catch (NotUnicode e) {
            return false;
        }
        byte[] expected = stored.get().hash();
        return MessageDigest.isEqual(expected, stored.get().derive(input, expected.length));
    }

    private byte[] bcryptInput(String password) {
        byte[] pw = passwordBytes(password);
        byte[] pepper = config.bcryptPepper().getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(pw, Math.min(pw.length + pepper.length, BCRYPT_MAX_BYTES));
        if (pw.length < input.length) {
            System.arraycopy(pepper, 0, input, pw.length, input.length - pw.length);
        }
        return input;
    }

    /** NFKC, then strict UTF-8; an unpaired surrogate is {@link NotUnicode}. */
    private static byte[] passwordBytes(String password) {
        String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(normalized));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new NotUnicode(e);
        }
    }

    /** A password that is not valid Unicode text (an unpaired surrogate): it matches no hash. */
    private static final class NotUnicode extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotUnicode(CharacterCodingException cause) {
            super("The password is not valid Unicode text", cause);
        }
    }

    /** The parts of an Argon2id PHC string. */
    private record Argon2Hash(int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        /** The parts of {@code phc}, or empty when it is not a well-formed Argon2id string with sane parameters. */
        static Optional<Argon2Hash> parse(String phc) {
            Matcher m = phc == null ? null : ARGON2ID.matcher(phc);
            if (m == null || !m.matches()) {
                return Optional.empty();
            }
            try {
                int version = m.group(1) == null ? Argon2id.VERSION_10 : Integer.parseInt(m.group(1));
                long memory = Long.parseLong(m.group(2));
                long iterations = Long.parseLong(m.group(3));
                int parallelism = Integer.parseInt(m.group(4));
                byte[] salt = Base64.getDecoder().decode(m.group(5));
                byte[] hash = Base64.getDecoder().decode(m.group(6));
                boolean sane = (version == Argon2id.VERSION_10 || version == Argon2id.VERSION_13)
                        && parallelism >= 1 && parallelism <= MAX_STORED_PARALLELISM
                        && memory >= 8L * parallelism && memory <= PasswordConfig.MAX_MEMORY_KIB
                        && iterations >= 1 && iterations <= PasswordConfig.MAX_ITERATIONS
                        && salt.length >= 8 && hash.length >= 4 && hash.length <= MAX_STORED_HASH_BYTES;
                return sane ? Optional.of(new Argon2Hash(version, (int) memory, (int) iterations, parallelism, salt, hash))
                        : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        Argon2Hash withHash(byte[] newHash) {
            return new Argon2Hash(version, memoryKib, iterations, parallelism, salt, newHash);
        }

        /** Argon2id of {@code password} with these parameters and salt, {@code length} bytes long. */
        byte[] derive(byte[] password, int length) {
            return Argon2id.hash(password, salt, memoryKib, iterations, parallelism, version, length);
        }

        String format() {
            return "$argon2id$v=" + version + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                    + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
        }
    }
}
