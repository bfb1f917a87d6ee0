package org.gatehouse.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Locale;
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

    /** The accounts {@code search} keeps, ordered as it asks, from offset {@code from}, at most {@code limit}. */
    public List<User> search(UserSearch search, int from, int limit) {
        String order = " order by u." + search.order().attribute + (search.descending() ? " desc" : " asc")
                + (search.order() == UserSearch.Order.NAME ? "" : ", u.localpart asc");
        TypedQuery<User> query = em.createQuery("select u from User u" + where(search) + order, User.class);
        return bind(query, search).setFirstResult(from).setMaxResults(limit).getResultList();
    }

    /** How many accounts {@code search} keeps. */
    public long count(UserSearch search) {
        return bind(em.createQuery("select count(u) from User u" + where(search), Long.class), search).getSingleResult();
    }

    private static String where(UserSearch search) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (search.name() != null) {
            where.append(" and (lower(u.localpart) like :pattern escape '!' or lower(u.displayName) like :pattern escape '!')");
        } else if (search.userId() != null) {
            where.append(" and lower(concat('@', u.localpart, ':', :server)) like :pattern escape '!'");
        }
        if (!search.guests()) {
            where.append(" and u.guest = false");
        }
        if (search.deactivated() != null) {
            where.append(" and u.deactivated = :deactivated");
        }
        if (search.admins() != null) {
            where.append(" and u.admin = :admins");
        }
        if (!search.locked()) {
            where.append(" and u.locked = false");
        }
        return where.toString();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, UserSearch search) {
        String contained = search.name() != null ? search.name() : search.userId();
        if (contained != null) {
            query.setParameter("pattern", "%" + contained.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
            if (search.name() == null) {
                query.setParameter("server", search.serverName());
            }
        }
        if (search.deactivated() != null) {
            query.setParameter("deactivated", search.deactivated());
        }
        if (search.admins() != null) {
            query.setParameter("admins", search.admins());
        }
        return query;
    }
}
