package org.gatehouse.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.TreeMap;
import org.gatehouse.device.LastSeenTracker.Sighting;

/** Stores a batch of device sightings for {@link DeviceActivity}. */
@ApplicationScoped
public class LastSeenWriter {

    @Inject
    DeviceRepository devices;

    /**
     * Stores every sighting in one transaction, in device order (so concurrent writers lock rows
     * in the same order); a stored later sighting is kept, and devices that are gone are skipped.
     */
    @Transactional
    public void write(Map<Long, Sighting> sightings) {
        new TreeMap<>(sightings).forEach((deviceRef, seen) -> devices.recordSeen(deviceRef, seen.timestamp(), seen.ip(), seen.userAgent()));
    }
}
