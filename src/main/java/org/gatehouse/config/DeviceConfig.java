package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Section {@code gatehouse.devices.*}: device management. */
@ApplicationScoped
public class DeviceConfig implements ValidatedConfig {

    static final long MIN_FLUSH_SECONDS = 1;
    static final long MAX_FLUSH_SECONDS = 3600;

    @Inject
    @ConfigProperty(name = "gatehouse.devices.last-seen-flush-seconds", defaultValue = "60")
    long lastSeenFlushSeconds;

    /**
     * How often the last-seen time and address of recently active devices, kept in memory, are
     * written to the database. Reads of the device list always include the values in memory, so
     * this bounds only what a restart (or another server sharing the database) can lose or miss.
     */
    public Duration lastSeenFlushInterval() {
        return Duration.ofSeconds(lastSeenFlushSeconds);
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(lastSeenFlushSeconds >= MIN_FLUSH_SECONDS && lastSeenFlushSeconds <= MAX_FLUSH_SECONDS,
                "gatehouse.devices.last-seen-flush-seconds must be between " + MIN_FLUSH_SECONDS + " and "
                        + MAX_FLUSH_SECONDS + ", was " + lastSeenFlushSeconds);
    }
}
