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
 * The root keys of macaroons: the current key signs, and during a rotation the previous key keeps
 * verifying until its configured end.
 */
@ApplicationScoped
public class MacaroonKeys {

    @Inject
    MacaroonConfig config;

    @Inject
    SecureRandom random;

    private byte[] current;

    @PostConstruct
    void load() {
        current = config.secretKey().map(key -> key.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] generated = new byte[32];
            random.nextBytes(generated);
            return generated;
        });
    }

    /** The key new macaroons are signed with. */
    byte[] signingKey() {
        return current.clone();
    }

    /** The keys a macaroon may be signed with at {@code now}: current first. */
    List<byte[]> verificationKeys(Instant now) {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(current);
        config.previousSecretKey()
                .filter(key -> config.previousKeyValidUntil().map(now::isBefore).orElse(false))
                .ifPresent(key -> keys.add(key.getBytes(StandardCharsets.UTF_8)));
        return keys;
    }
}
