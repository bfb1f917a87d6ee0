package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.device.DeviceDetails;
import org.gatehouse.device.DeviceManagement;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.user.User;

/**
 * Who a user is on the network (spec: admin module, {@code GET /admin/whois/{userId}}; the same
 * shape as Synapse's {@code /_synapse/admin/v1/whois}): every device of the user, each with one
 * session holding its last connection (address, time and user agent of the device's latest
 * request). A device never used since it was created has a session without connections.
 * A server admin may look anyone up, a user only themselves; admins' lookups are audited.
 */
@ApplicationScoped
public class Whois {

    /** One connection of a session. */
    public record Connection(String ip, Long lastSeen, String userAgent) {
    }

    /** One session of a device. */
    public record Session(List<Connection> connections) {
    }

    /** The sessions of one device. */
    public record DeviceSessions(List<Session> sessions) {
    }

    /** The answer. */
    public record WhoisResponse(String userId, Map<String, DeviceSessions> devices) {
    }

    @Inject
    AdminTargets targets;

    @Inject
    DeviceManagement devices;

    @Inject
    Audit audit;

    /**
     * @throws MatrixException 403 {@code M_FORBIDDEN} when the requester is neither an admin nor
     *         the user (checked before any lookup); 400 {@code M_INVALID_PARAM} for a user ID that
     *         is not local; 404 {@code M_NOT_FOUND} for no such account
     */
    @Transactional
    public WhoisResponse whois(Requester requester, String userId) {
        if (!requester.admin() && !userId.equals(requester.userId())) {
            throw MatrixException.forbidden("You may only look up yourself");
        }
        User user = targets.find(userId);
        Map<String, DeviceSessions> sessions = new LinkedHashMap<>();
        for (DeviceDetails device : devices.details(user.id())) {
            List<Connection> connections = device.lastSeenTs() == null ? List.of()
                    : List.of(new Connection(device.lastSeenIp(), device.lastSeenTs(), device.lastSeenUserAgent()));
            sessions.put(device.deviceId(), new DeviceSessions(List.of(new Session(connections))));
        }
        if (requester.admin()) {
            audit.adminAction(requester.userId(), "whois", targets.userId(user));
        }
        return new WhoisResponse(targets.userId(user), sessions);
    }
}
