package org.gatehouse.uia;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** UIA sessions by their public id. Callers run inside a transaction. */
@ApplicationScoped
class UiaSessionRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    Optional<UiaSession> find(String sessionId) {
        if (!OpaqueSessionIds.isPlausible(sessionId)) {
            return Optional.empty();
        }
        return em.createNamedQuery(UiaSession.FIND_BY_SESSION_ID, UiaSession.class)
                .setParameter("sessionId", sessionId)
                .getResultStream()
                .findFirst();
    }

    /**
     * Whether the session exists and its operation succeeded. A scalar query: the session does
     * not become managed, so a later {@link #findForUpdate} in the same transaction reads the
     * row as it is once locked, not as it was read here.
     */
    boolean isFinished(String sessionId) {
        if (!OpaqueSessionIds.isPlausible(sessionId)) {
            return false;
        }
        return em.createNamedQuery(UiaSession.COUNT_FINISHED, Long.class)
                .setParameter("sessionId", sessionId)
                .getSingleResult() > 0;
    }

    /** The session, locked for update so that concurrent attempts in one session are serialised. */
    Optional<UiaSession> findForUpdate(String sessionId) {
        if (!OpaqueSessionIds.isPlausible(sessionId)) {
            return Optional.empty();
        }
        return em.createNamedQuery(UiaSession.FIND_BY_SESSION_ID, UiaSession.class)
                .setParameter("sessionId", sessionId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    void insert(UiaSession session) {
        em.persist(session);
    }

    int deleteExpired(long now) {
        return em.createNamedQuery(UiaSession.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
    }
}
