package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Registration tokens and their per-session uses. Callers run inside a transaction. */
@ApplicationScoped
class RegistrationTokenRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    Optional<RegistrationToken> find(String token) {
        return Optional.ofNullable(em.find(RegistrationToken.class, token));
    }

    /** The token, locked for update so that concurrent uses of one token are serialised. */
    Optional<RegistrationToken> findForUpdate(String token) {
        return Optional.ofNullable(em.find(RegistrationToken.class, token, LockModeType.PESSIMISTIC_WRITE));
    }

    List<RegistrationToken> findAll() {
        return em.createNamedQuery(RegistrationToken.FIND_ALL, RegistrationToken.class).getResultList();
    }

    boolean exists(String token) {
        return find(token).isPresent();
    }

    void insert(RegistrationToken token) {
        em.persist(token);
        em.flush();
    }

    /** Deletes the token and the uses sessions hold of it. */
    void delete(RegistrationToken token) {
        em.createNamedQuery(RegistrationTokenUse.DELETE_BY_TOKEN).setParameter("token", token.token()).executeUpdate();
        em.remove(token);
    }

    /** The use held by the session, locked for update. */
    Optional<RegistrationTokenUse> findUseForUpdate(String sessionId) {
        return Optional.ofNullable(em.find(RegistrationTokenUse.class, sessionId, LockModeType.PESSIMISTIC_WRITE));
    }

    List<RegistrationTokenUse> findExpiredUsesForUpdate(long now) {
        return em.createNamedQuery(RegistrationTokenUse.FIND_EXPIRED, RegistrationTokenUse.class)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    void insertUse(RegistrationTokenUse use) {
        em.persist(use);
    }

    void deleteUse(RegistrationTokenUse use) {
        em.remove(use);
    }
}
