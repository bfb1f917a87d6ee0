package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.tokens.*}.
 * <ul>
 *   <li>{@code format} ({@code opaque}): the format of newly issued access tokens;</li>
 *   <li>{@code refreshable-lifetime-seconds} (300): lifetime of access tokens issued with a
 *       refresh token;</li>
 *   <li>{@code lifetime-seconds} (unset: never expire): lifetime of access tokens issued without
 *       one;</li>
 *   <li>{@code refresh-secret} (unset: random per process): the key from which a refresh derives
 *       its new token pair, so a retried refresh returns the same pair; set the same value on
 *       every node of a cluster.</li>
 * </ul>
 */
@ApplicationScoped
public class TokenConfig implements ValidatedConfig {

    /** The formats a strategy exists for. */
    public static final Set<String> FORMATS = Set.of("opaque", "macaroon");

    @Inject
    @ConfigProperty(name = "gatehouse.tokens.format", defaultValue = "opaque")
    String format;

    @Inject
    @ConfigProperty(name = "gatehouse.tokens.refreshable-lifetime-seconds", defaultValue = "300")
    long refreshableLifetimeSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.tokens.lifetime-seconds")
    Optional<Long> lifetimeSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.tokens.refresh-secret")
    Optional<String> refreshSecret;

    /** The format of newly issued access tokens. */
    public String format() {
        return format;
    }

    /** How long an access token lives: refreshable ones always expire, others only when configured. */
    public Optional<Duration> accessTokenLifetime(boolean refreshable) {
        return refreshable ? Optional.of(Duration.ofSeconds(refreshableLifetimeSeconds))
                : lifetimeSeconds.map(Duration::ofSeconds);
    }

    public Optional<String> refreshSecret() {
        return refreshSecret.filter(secret -> !secret.isBlank());
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(FORMATS.contains(format),
                "gatehouse.tokens.format must be one of " + FORMATS + ", was '" + format + "'");
        problems.require(refreshableLifetimeSeconds >= 1,
                "gatehouse.tokens.refreshable-lifetime-seconds must be positive, was " + refreshableLifetimeSeconds);
        problems.require(lifetimeSeconds.map(seconds -> seconds >= 1).orElse(true),
                "gatehouse.tokens.lifetime-seconds must be positive when set");
        problems.require(refreshSecret().map(secret -> secret.length() >= 32).orElse(true),
                "gatehouse.tokens.refresh-secret must be at least 32 characters long");
    }
}
