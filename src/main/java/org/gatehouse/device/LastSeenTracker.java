package org.gatehouse.device;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When, from which address and with which user agent each device was last seen, recorded in memory on every
 * authenticated request and handed over in batches ({@link #drain}) to be written to the database,
 * so that keeping {@code last_seen_ts} and {@code last_seen_ip} current costs no database write
 * per request. Thread-safe; holds at most one entry per device active since the last drain.
 */
public final class LastSeenTracker {

    /**
     * One sighting of a device.
     *
     * @param timestamp milliseconds since the Unix epoch
     * @param ip        the client's address, or {@code null} when unknown
     * @param userAgent the client's {@code User-Agent}, or {@code null} when it sent none
     */
    public record Sighting(long timestamp, String ip, String userAgent) {

        /** A sighting without a user agent. */
        public Sighting(long timestamp, String ip) {
            this(timestamp, ip, null);
        }

        /**
         * The later of the two sightings (this one on a tie), with the other's address and user
         * agent where the later one has none.
         */
        public Sighting latest(Sighting other) {
            Sighting later = other.timestamp > timestamp ? other : this;
            Sighting earlier = later == this ? other : this;
            return new Sighting(later.timestamp, later.ip != null ? later.ip : earlier.ip,
                    later.userAgent != null ? later.userAgent : earlier.userAgent);
        }
    }

    private final ConcurrentHashMap<Long, Sighting> pending = new ConcurrentHashMap<>();

    /** Records that the device was seen at {@code timestamp} from {@code ip} ({@code null} when unknown). */
    public void record(long deviceRef, long timestamp, String ip) {
        record(deviceRef, timestamp, ip, null);
    }

    /** Records a sighting with the client's {@code userAgent} ({@code null} when it sent none). */
    public void record(long deviceRef, long timestamp, String ip, String userAgent) {
        pending.merge(deviceRef, new Sighting(timestamp, ip, userAgent), Sighting::latest);
    }

    /** The latest sighting of the device recorded since the last drain. */
    public Optional<Sighting> pending(long deviceRef) {
        return Optional.ofNullable(pending.get(deviceRef));
    }

    /**
     * Removes and returns every sighting recorded since the last drain. A sighting recorded while
     * this runs is either in the result or kept for the next drain, never lost.
     */
    public Map<Long, Sighting> drain() {
        Map<Long, Sighting> drained = new HashMap<>();
        for (Map.Entry<Long, Sighting> entry : pending.entrySet()) {
            if (pending.remove(entry.getKey(), entry.getValue())) {
                drained.put(entry.getKey(), entry.getValue());
            }
        }
        return drained;
    }

    /** Puts back sightings that could not be written, keeping any later one recorded meanwhile. */
    public void restore(Map<Long, Sighting> sightings) {
        sightings.forEach((deviceRef, sighting) -> pending.merge(deviceRef, sighting, Sighting::latest));
    }

    /** The number of devices with a sighting waiting to be written. */
    public int size() {
        return pending.size();
    }
}
