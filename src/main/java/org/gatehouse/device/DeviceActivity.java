package org.gatehouse.device;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.config.DeviceConfig;
import org.gatehouse.device.LastSeenTracker.Sighting;

/**
 * Keeps each device's {@code last_seen_ts} and {@code last_seen_ip} (and the user agent the admin
 * module's whois shows; spec: "Device Management",
 * {@code client_device.yaml}) current without a database write per request: every authenticated
 * request records a sighting in memory ({@link #seen}), and the sightings are written to the
 * database in one transaction every {@code gatehouse.devices.last-seen-flush-seconds} on the
 * container's default managed scheduled executor, and once more when the application stops.
 * Sightings whose write fails are kept for the next attempt.
 */
@ApplicationScoped
public class DeviceActivity {

    private static final Logger LOG = Logger.getLogger(DeviceActivity.class.getName());

    @Inject
    Clock clock;

    @Inject
    DeviceConfig config;

    @Inject
    LastSeenWriter writer;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final LastSeenTracker tracker = new LastSeenTracker();
    private ScheduledFuture<?> flushing;

    @PostConstruct
    void startFlushing() {
        long period = config.lastSeenFlushInterval().toMillis();
        flushing = scheduler.scheduleWithFixedDelay(this::flush, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopFlushing() {
        flushing.cancel(false);
        flush();
    }

    /** Records that the device made a request now from {@code ip} ({@code null} when unknown). */
    public void seen(long deviceRef, String ip) {
        seen(deviceRef, ip, null);
    }

    /**
     * Records that the device made a request now from {@code ip} with {@code userAgent} (either
     * {@code null} when unknown); a user agent longer than the column is cut.
     */
    public void seen(long deviceRef, String ip, String userAgent) {
        String agent = userAgent == null || userAgent.length() <= Device.MAX_USER_AGENT_LENGTH ? userAgent
                : userAgent.substring(0, Device.MAX_USER_AGENT_LENGTH);
        tracker.record(deviceRef, clock.millis(), ip, agent);
    }

    /**
     * The device's last sighting: the later of the stored one ({@code storedTs} and
     * {@code storedIp}, either {@code null} when never stored) and the one not yet written.
     */
    public Optional<Sighting> lastSeen(long deviceRef, Long storedTs, String storedIp) {
        return lastSeen(deviceRef, storedTs, storedIp, null);
    }

    /** {@link #lastSeen(long, Long, String)} with the stored user agent. */
    public Optional<Sighting> lastSeen(long deviceRef, Long storedTs, String storedIp, String storedUserAgent) {
        Optional<Sighting> stored = storedTs == null ? Optional.empty()
                : Optional.of(new Sighting(storedTs, storedIp, storedUserAgent));
        Optional<Sighting> pending = tracker.pending(deviceRef);
        if (stored.isEmpty()) {
            return pending;
        }
        return pending.map(stored.get()::latest).or(() -> stored);
    }

    /** Writes every sighting recorded since the last flush; on failure keeps them for the next one. */
    void flush() {
        Map<Long, Sighting> sightings = tracker.drain();
        if (sightings.isEmpty()) {
            return;
        }
        try {
            writer.write(sightings);
        } catch (RuntimeException e) {
            tracker.restore(sightings);
            LOG.log(Level.WARNING, "Could not store the last-seen time of " + sightings.size()
                    + " devices; will try again", e);
        }
    }
}
