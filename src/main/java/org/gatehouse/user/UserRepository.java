package org.gatehouse.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
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
        UserIdFilter byUserId = userIdFilter(search);
        if (byUserId.kind() == UserIdFilter.Kind.NONE) {
            return List.of();
        }
        String order = " order by u." + search.order().attribute + (search.descending() ? " desc" : " asc")
                + (search.order() == UserSearch.Order.NAME ? "" : ", u.localpart asc");
        TypedQuery<User> query = em.createQuery("select u from User u" + where(search, byUserId) + order, User.class);
        return bind(query, search, byUserId).setFirstResult(from).setMaxResults(limit).getResultList();
    }

    /** How many accounts {@code search} keeps. */
    public long count(UserSearch search) {
        UserIdFilter byUserId = userIdFilter(search);
        if (byUserId.kind() == UserIdFilter.Kind.NONE) {
            return 0;
        }
        return bind(em.createQuery("select count(u) from User u" + where(search, byUserId), Long.class), search, byUserId)
                .getSingleResult();
    }

    private static UserIdFilter userIdFilter(UserSearch search) {
        return search.name() == null && search.userId() != null
                ? UserIdFilter.containing(search.userId(), search.serverName())
                : new UserIdFilter(UserIdFilter.Kind.ALL, null);
    }

    /**
     * The where clause of {@code search}, empty when it keeps every account. It has no {@code 1 = 1} and no
     * concatenation of constants, and {@code like … escape '!'} only when the searched text holds a character
     * that needs it ({@link UserIdFilter#needsEscape}): EclipseLink on H2 sends a statement holding any of
     * them without bind parameters, writing booleans as 0 and 1, which H2 2 refuses to compare with a
     * BOOLEAN column (500 on Payara's embedded H2; still so for a search for {@code _ % ! \}). The user ID
     * filter is a condition on the localpart ({@link UserIdFilter}).
     */
    private static String where(UserSearch search, UserIdFilter byUserId) {
        List<String> conditions = new ArrayList<>();
        if (search.name() != null) {
            String escape = UserIdFilter.needsEscape(search.name()) ? " escape '!'" : "";
            conditions.add("(lower(u.localpart) like :pattern" + escape + " or lower(u.displayName) like :pattern" + escape + ")");
        } else if (byUserId.kind() == UserIdFilter.Kind.LIKE) {
            conditions.add("lower(u.localpart) like :pattern" + (UserIdFilter.needsEscape(search.userId()) ? " escape '!'" : ""));
        }
        if (!search.guests()) {
            conditions.add("u.guest = false");
        }
        if (search.deactivated() != null) {
            conditions.add("u.deactivated = :deactivated");
        }
        if (search.admins() != null) {
            conditions.add("u.admin = :admins");
        }
        if (!search.locked()) {
            conditions.add("u.locked = false");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, UserSearch search, UserIdFilter byUserId) {
        if (search.name() != null) {
            query.setParameter("pattern", "%" + UserIdFilter.escape(search.name().toLowerCase(Locale.ROOT)) + "%");
        } else if (byUserId.kind() == UserIdFilter.Kind.LIKE) {
            query.setParameter("pattern", byUserId.pattern());
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
