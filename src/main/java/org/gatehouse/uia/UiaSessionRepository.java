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
        return em.createNamedQuery(UiaSession.FIND_BY_SESSION_ID, UiaSession.class)
                .setParameter("sessionId", sessionId)
                .getResultStream()
                .findFirst();
    }

    /** The session, locked for update so that concurrent attempts in one session are serialised. */
    Optional<UiaSession> findForUpdate(String sessionId) {
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
