package org.gatehouse.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Devices by user. Callers run inside a transaction. */
@ApplicationScoped
public class DeviceRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public Optional<Device> findByRef(long deviceRef) {
        return Optional.ofNullable(em.find(Device.class, deviceRef));
    }

    public Optional<Device> find(long userId, String deviceId) {
        return em.createNamedQuery(Device.FIND_BY_USER_AND_DEVICE_ID, Device.class)
                .setParameter("userId", userId)
                .setParameter("deviceId", deviceId)
                .getResultStream()
                .findFirst();
    }

    public List<Device> findByUser(long userId) {
        return em.createNamedQuery(Device.FIND_BY_USER, Device.class).setParameter("userId", userId).getResultList();
    }

    public Device insert(Device device) {
        em.persist(device);
        em.flush();
        return device;
    }

    /**
     * Records a sighting of the device unless a later one is already stored; a {@code null}
     * address or user agent keeps the stored one. Nothing happens for a device that is gone.
     */
    public void recordSeen(long deviceRef, long timestamp, String ip, String userAgent) {
        em.createNamedQuery(Device.RECORD_SEEN)
                .setParameter("id", deviceRef)
                .setParameter("ts", timestamp)
                .setParameter("ip", ip)
                .setParameter("agent", userAgent)
                .executeUpdate();
    }

    /** Deletes the device; its tokens must have been revoked first. */
    public void delete(Device device) {
        em.remove(device);
    }
}
