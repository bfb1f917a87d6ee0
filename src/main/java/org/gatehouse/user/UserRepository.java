package org.gatehouse.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /**
     * The accounts {@code search} keeps, ordered as it asks, from offset {@code from}, at most {@code limit}: their
     * ids from a native query ({@link UserSearchSql} says why), then the accounts of those ids.
     */
    public List<User> search(UserSearch search, int from, int limit) {
        UserIdFilter byUserId = userIdFilter(search);
        if (byUserId.kind() == UserIdFilter.Kind.NONE) {
            return List.of();
        }
        UserSearchSql sql = new UserSearchSql(search, byUserId);
        List<Long> ids = ((List<?>) sql.bind(em.createNativeQuery(sql.selectIds())).setFirstResult(from)
                .setMaxResults(limit).getResultList()).stream().map(id -> ((Number) id).longValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, User> byId = em.createQuery("select u from User u where u.id in :ids", User.class)
                .setParameter("ids", ids).getResultStream().collect(Collectors.toMap(User::id, Function.identity()));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** How many accounts {@code search} keeps. */
    public long count(UserSearch search) {
        UserIdFilter byUserId = userIdFilter(search);
        if (byUserId.kind() == UserIdFilter.Kind.NONE) {
            return 0;
        }
        UserSearchSql sql = new UserSearchSql(search, byUserId);
        return ((Number) sql.bind(em.createNativeQuery(sql.count())).getSingleResult()).longValue();
    }

    private static UserIdFilter userIdFilter(UserSearch search) {
        return search.name() == null && search.userId() != null
                ? UserIdFilter.containing(search.userId(), search.serverName())
                : new UserIdFilter(UserIdFilter.Kind.ALL, null);
    }
}
