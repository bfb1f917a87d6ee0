package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.login-token.*}: {@code POST /login/get_token} and
 * {@code m.login.token}. {@code enabled} (false) switches both on; {@code lifetime-seconds}
 * (120, the spec's recommendation) is how long a login token stays usable.
 */
@ApplicationScoped
public class LoginTokenConfig implements ValidatedConfig {

    @Inject
    @ConfigProperty(name = "gatehouse.login-token.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "gatehouse.login-token.lifetime-seconds", defaultValue = "120")
    long lifetimeSeconds;

    public boolean enabled() {
        return enabled;
    }

    public Duration lifetime() {
        return Duration.ofSeconds(lifetimeSeconds);
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(lifetimeSeconds >= 10 && lifetimeSeconds <= 3600,
                "gatehouse.login-token.lifetime-seconds must be between 10 and 3600, was " + lifetimeSeconds);
    }
}
