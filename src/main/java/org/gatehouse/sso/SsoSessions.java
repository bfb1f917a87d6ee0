package org.gatehouse.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gatehouse.device.DeviceReleased;
import org.gatehouse.device.DeviceService;
import org.gatehouse.login.LoginSucceeded;
import org.gatehouse.token.TokenHashes;

/**
 * Which devices came from which identity-provider session, for OpenID Connect Back-Channel Logout
 * 1.0: the SSO callback records the provider, its {@code sid} and {@code sub} with the hash of
 * the login token it issues ({@link #signedIn}); the {@code m.login.token} login with that token
 * adds the device ({@link #onLogin}); a validated logout token revokes the devices of its
 * {@code sid}, or of every session of its {@code sub} when it names no {@code sid} ({@link #logOut}).
 * A device that is deleted or taken over by another login leaves its provider session
 * ({@link #onDeviceReleased}), so that a device ID used again later is not revoked by a logout of
 * the session it once came from.
 */
@ApplicationScoped
public class SsoSessions {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    DeviceService devices;

    @Inject
    Clock clock;

    /** Records the sign-in of {@code identity} to {@code userRef} with {@code loginToken}; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void signedIn(IdpIdentity identity, long userRef, String loginToken) {
        em.persist(new SsoSession(identity, userRef, TokenHashes.sha256(loginToken), clock.millis()));
    }

    /** Gives the SSO session whose login token just logged in its device. */
    @Transactional
    public void onLogin(@Observes LoginSucceeded login) {
        if (!"m.login.token".equals(login.type()) || login.token() == null) {
            return;
        }
        em.createNamedQuery(SsoSession.BY_TOKEN, SsoSession.class).setParameter("hash", TokenHashes.sha256(login.token()))
                .getResultStream().filter(session -> session.userRef() == login.userRef())
                .forEach(session -> session.loggedIn(login.deviceId()));
    }

    /** Forgets that the released device came from a provider session; in the transaction that released it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onDeviceReleased(@Observes DeviceReleased released) {
        em.createNamedQuery(SsoSession.DELETE_BY_DEVICE).setParameter("userRef", released.userRef())
                .setParameter("deviceId", released.deviceId()).executeUpdate();
    }

    /**
     * Revokes the devices of provider {@code providerId}'s session {@code sid} (or, without one,
     * of every session of {@code subject}) and forgets those sessions.
     *
     * @return how many devices were deleted
     */
    @Transactional
    public int logOut(String providerId, String sid, String subject) {
        List<SsoSession> sessions = (sid != null
                ? em.createNamedQuery(SsoSession.BY_SID, SsoSession.class).setParameter("sid", sid)
                : em.createNamedQuery(SsoSession.BY_SUBJECT, SsoSession.class).setParameter("subject", subject))
                .setParameter("providerId", providerId).getResultList();
        Map<Long, List<String>> byUser = sessions.stream().filter(session -> session.deviceId() != null)
                .collect(Collectors.groupingBy(SsoSession::userRef, Collectors.mapping(SsoSession::deviceId, Collectors.toList())));
        sessions.forEach(em::remove);
        em.flush();
        byUser.forEach(devices::deleteByDeviceIds);
        return byUser.values().stream().mapToInt(List::size).sum();
    }
}
