package org.gatehouse.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.config.MacaroonConfig;

/**
 * The root keys of macaroons ({@code gatehouse.tokens.macaroon.*}): the current key signs, and
 * during a rotation the previous key keeps verifying until its configured end. Without a
 * configured key a random one is used, valid for this process only.
 */
@ApplicationScoped
public class MacaroonKeys {

    @Inject
    MacaroonConfig config;

    @Inject
    SecureRandom random;

    private byte[] current;
    private byte[] previous;
    private Instant previousValidUntil;

    @PostConstruct
    void load() {
        current = config.secretKey().map(MacaroonKeys::bytes).orElseGet(() -> {
            byte[] generated = new byte[32];
            random.nextBytes(generated);
            return generated;
        });
        previous = config.previousSecretKey().map(MacaroonKeys::bytes).orElse(null);
        previousValidUntil = config.previousKeyValidUntil().orElse(Instant.MIN);
    }

    /** Keys given directly, for tests and tools: {@code previous} may be {@code null}. */
    static MacaroonKeys of(String current, String previous, Instant previousValidUntil) {
        MacaroonKeys keys = new MacaroonKeys();
        keys.current = bytes(current);
        keys.previous = previous == null ? null : bytes(previous);
        keys.previousValidUntil = previousValidUntil;
        return keys;
    }

    /** The key new macaroons are signed with. */
    byte[] signingKey() {
        return current.clone();
    }

    /** The keys a macaroon may be signed with at {@code now}: current first. */
    List<byte[]> verificationKeys(Instant now) {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(current);
        if (previous != null && now.isBefore(previousValidUntil)) {
            keys.add(previous);
        }
        return keys;
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
