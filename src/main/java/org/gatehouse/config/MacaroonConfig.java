package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.tokens.macaroon.*}: the root keys of macaroon tokens (macaroon access
 * tokens and {@code m.login.token} login tokens).
 * <ul>
 *   <li>{@code secret-key}: the current root key (at least 32 characters); required when
 *       {@code gatehouse.tokens.format=macaroon}, otherwise a random key per process is used for
 *       login tokens;</li>
 *   <li>{@code previous-secret-key} and {@code previous-key-valid-until} (an ISO-8601 instant):
 *       during a key rotation, tokens signed with the previous key keep verifying until then.</li>
 * </ul>
 */
@ApplicationScoped
public class MacaroonConfig implements ValidatedConfig {

    @Inject
    @ConfigProperty(name = "gatehouse.tokens.macaroon.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "gatehouse.tokens.macaroon.previous-secret-key")
    Optional<String> previousSecretKey;

    @Inject
    @ConfigProperty(name = "gatehouse.tokens.macaroon.previous-key-valid-until")
    Optional<String> previousKeyValidUntil;

    @Inject
    TokenConfig tokens;

    public Optional<String> secretKey() {
        return secretKey.filter(key -> !key.isBlank());
    }

    public Optional<String> previousSecretKey() {
        return previousSecretKey.filter(key -> !key.isBlank());
    }

    /** Until when the previous key is accepted; empty when there is no previous key. */
    public Optional<Instant> previousKeyValidUntil() {
        return previousSecretKey().flatMap(key -> previousKeyValidUntil.map(Instant::parse));
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(!"macaroon".equals(tokens.format()) || secretKey().isPresent(),
                "gatehouse.tokens.macaroon.secret-key must be set when gatehouse.tokens.format=macaroon");
        problems.require(secretKey().map(key -> key.length() >= 32).orElse(true),
                "gatehouse.tokens.macaroon.secret-key must be at least 32 characters long");
        problems.require(previousSecretKey().isEmpty() || previousKeyValidUntil.isPresent(),
                "gatehouse.tokens.macaroon.previous-key-valid-until must be set with previous-secret-key");
        previousKeyValidUntil.ifPresent(value -> {
            try {
                Instant.parse(value);
            } catch (DateTimeParseException e) {
                problems.require(false, "gatehouse.tokens.macaroon.previous-key-valid-until must be an ISO-8601 instant, was '" + value + "'");
            }
        });
    }
}
