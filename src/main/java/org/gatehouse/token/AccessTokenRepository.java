package org.gatehouse.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Access tokens by the SHA-256 of their value. Callers run inside a transaction. */
@ApplicationScoped
public class AccessTokenRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    void insert(AccessToken token) {
        em.persist(token);
        em.flush();
    }

    Optional<TokenOwner> findOwner(String tokenHash) {
        return em.createNamedQuery(AccessToken.FIND_OWNER_BY_HASH, TokenOwner.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    /** Devices holding at least one access token unexpired at {@code now}. */
    long countLiveSessions(long now) {
        return em.createNamedQuery(AccessToken.COUNT_LIVE_SESSIONS, Long.class).setParameter("now", now).getSingleResult();
    }

    int deleteByDevice(long deviceRef) {
        return em.createNamedQuery(AccessToken.DELETE_BY_DEVICE).setParameter("deviceRef", deviceRef).executeUpdate();
    }

    int deleteByUser(long userRef) {
        return em.createNamedQuery(AccessToken.DELETE_BY_USER).setParameter("userId", userRef).executeUpdate();
    }

    int deleteByRefreshToken(long refreshRef) {
        return em.createNamedQuery(AccessToken.DELETE_BY_REFRESH).setParameter("refreshRef", refreshRef).executeUpdate();
    }

    /** The expiry of the access token issued with refresh token {@code refreshRef}: empty when none is left. */
    Optional<Long> findExpiryByRefreshToken(long refreshRef) {
        return em.createNamedQuery(AccessToken.FIND_EXPIRY_BY_REFRESH, Long.class).setParameter("refreshRef", refreshRef)
                .getResultStream().findFirst();
    }

    int clearRetirement(long tokenId) {
        return em.createNamedQuery(AccessToken.CLEAR_RETIREMENT).setParameter("id", tokenId).executeUpdate();
    }

    int deleteById(long tokenId) {
        return em.createNamedQuery(AccessToken.DELETE_BY_ID).setParameter("id", tokenId).executeUpdate();
    }
}
