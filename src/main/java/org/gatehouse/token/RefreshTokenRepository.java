package org.gatehouse.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Refresh tokens by the SHA-256 of their value. Callers run inside a transaction. */
@ApplicationScoped
public class RefreshTokenRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    void insert(RefreshToken token) {
        em.persist(token);
        em.flush();
    }

    /** The token, locked for update so that concurrent refreshes with it are serialised. */
    Optional<RefreshToken> findForUpdate(String tokenHash) {
        return em.createNamedQuery(RefreshToken.FIND_BY_HASH, RefreshToken.class)
                .setParameter("hash", tokenHash)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    Optional<RefreshToken> findById(long id) {
        return Optional.ofNullable(em.find(RefreshToken.class, id));
    }

    /** The not yet revoked refresh token that {@code id} replaced, if any. */
    Optional<Long> findLivePredecessor(long id) {
        return em.createNamedQuery(RefreshToken.FIND_LIVE_PREDECESSOR, Long.class).setParameter("id", id)
                .getResultStream().findFirst();
    }

    int revoke(long id, long now) {
        return em.createNamedQuery(RefreshToken.REVOKE).setParameter("id", id).setParameter("now", now).executeUpdate();
    }

    int deleteByDevice(long deviceRef) {
        return em.createNamedQuery(RefreshToken.DELETE_BY_DEVICE).setParameter("deviceRef", deviceRef).executeUpdate();
    }

    int deleteByUser(long userRef) {
        return em.createNamedQuery(RefreshToken.DELETE_BY_USER).setParameter("userId", userRef).executeUpdate();
    }
}
