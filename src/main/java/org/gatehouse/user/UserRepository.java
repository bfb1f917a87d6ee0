package org.gatehouse.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Accounts by database id or localpart. Callers run inside a transaction. */
@ApplicationScoped
public class UserRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public Optional<User> findById(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /**
     * The account, its row locked until the transaction ends: use cases that must not interleave
     * on one account (deactivating it, opening a session for it on a replayed registration) lock
     * it before they read its state.
     */
    public Optional<User> findByIdForUpdate(long id) {
        return Optional.ofNullable(em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The account with exactly this (already lowercased) localpart. */
    public Optional<User> findByLocalpart(String localpart) {
        return em.createNamedQuery(User.FIND_BY_LOCALPART, User.class)
                .setParameter("localpart", localpart)
                .getResultStream()
                .findFirst();
    }

    public boolean existsByLocalpart(String localpart) {
        return findByLocalpart(localpart).isPresent();
    }

    /** Deletes an account that has no devices or tokens. */
    public void delete(User user) {
        em.remove(user);
    }

    /**
     * Stores a new account and flushes, so that a localpart taken concurrently fails here with a
     * {@link jakarta.persistence.PersistenceException} rather than at commit.
     */
    public User insert(User user) {
        em.persist(user);
        em.flush();
        return user;
    }
}
