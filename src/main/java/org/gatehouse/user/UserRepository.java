package org.gatehouse.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    /**
     * Turns guest account {@code id} into a full account with {@code passwordHash}, in one
     * statement that only matches a live guest, so that of concurrent upgrades of one guest exactly
     * one succeeds.
     *
     * @return whether the account was a live guest and is now a full account
     */
    public boolean upgradeGuest(long id, String passwordHash) {
        return em.createQuery("update User u set u.guest = false, u.passwordHash = :hash"
                        + " where u.id = :id and u.guest = true and u.deactivated = false")
                .setParameter("hash", passwordHash)
                .setParameter("id", id)
                .executeUpdate() == 1;
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
