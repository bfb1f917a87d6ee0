package org.gatehouse.device;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When and from which address each device was last seen, recorded in memory on every
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
     */
    public record Sighting(long timestamp, String ip) {

        /**
         * The later of the two sightings (this one on a tie), with the other's address when the
         * later one has none.
         */
        public Sighting latest(Sighting other) {
            Sighting later = other.timestamp > timestamp ? other : this;
            Sighting earlier = later == this ? other : this;
            return later.ip != null || earlier.ip == null ? later : new Sighting(later.timestamp, earlier.ip);
        }
    }

    private final ConcurrentHashMap<Long, Sighting> pending = new ConcurrentHashMap<>();

    /** Records that the device was seen at {@code timestamp} from {@code ip} ({@code null} when unknown). */
    public void record(long deviceRef, long timestamp, String ip) {
        pending.merge(deviceRef, new Sighting(timestamp, ip), Sighting::latest);
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
