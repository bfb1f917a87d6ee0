package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Section {@code gatehouse.uia.*}: User-Interactive Authentication sessions. */
@ApplicationScoped
public class UiaConfig implements ValidatedConfig {

    @Inject
    @ConfigProperty(name = "gatehouse.uia.session-lifetime-seconds", defaultValue = "900")
    long sessionLifetimeSeconds;

    /** How long a session may take from its first request to its last. */
    public Duration sessionLifetime() {
        return Duration.ofSeconds(sessionLifetimeSeconds);
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(sessionLifetimeSeconds >= 10 && sessionLifetimeSeconds <= 86400,
                "gatehouse.uia.session-lifetime-seconds must be between 10 and 86400, was " + sessionLifetimeSeconds);
    }
}
