package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.metrics.*}: Gatehouse's own figures.
 * <ul>
 *   <li>{@code sessions-max-age-seconds} (15): how old the count of active sessions may be; it is
 *       a database query, run at most this often and only while someone reads the figures.</li>
 * </ul>
 */
@ApplicationScoped
public class MetricsConfig implements ValidatedConfig {

    static final long MAX_SESSIONS_MAX_AGE_SECONDS = 3600;

    @Inject
    @ConfigProperty(name = "gatehouse.metrics.sessions-max-age-seconds", defaultValue = "15")
    long sessionsMaxAgeSeconds;

    /** How old the published count of active sessions may be. */
    public Duration sessionsMaxAge() {
        return Duration.ofSeconds(sessionsMaxAgeSeconds);
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(sessionsMaxAgeSeconds >= 1 && sessionsMaxAgeSeconds <= MAX_SESSIONS_MAX_AGE_SECONDS,
                "gatehouse.metrics.sessions-max-age-seconds must be between 1 and " + MAX_SESSIONS_MAX_AGE_SECONDS
                        + ", was " + sessionsMaxAgeSeconds);
    }
}
