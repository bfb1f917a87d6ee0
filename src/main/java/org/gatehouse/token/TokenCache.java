package org.gatehouse.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.gatehouse.config.TokenCacheConfig;
import org.gatehouse.infra.metrics.Counter;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;

/**
 * A bounded in-process cache of verified access tokens: the {@link TokenOwner} row that
 * {@link TokenService#authenticate} read for a token, keyed by the SHA-256 of the token, so that
 * a token in use costs no database round trip. The caller still applies every check to a cached
 * row (expiry, deactivation), so an expired token is refused at its expiry whether cached or not.
 *
 * <p><b>Revocation on this node is immediate.</b> Every path that deletes access tokens goes
 * through {@link TokenService#revokeDevice}, {@link TokenService#revokeUser},
 * {@link TokenService#revokeAccessToken} or {@link TokenRetirement#retire}, which call
 * {@link #deviceRevoked}, {@link #userRevoked} or {@link #tokenRevoked}. Each call records the
 * revocation with a new stamp at once and again when the revoking transaction completes; a cached
 * row is served only while no revocation of its token, device or user has a stamp newer than the
 * stamp taken before the row was read. The second record closes the window in which a concurrent
 * request reads the row after the first record but before the deletion is committed.
 *
 * <p><b>Other nodes</b> learn of each revocation through the {@link RevocationBroadcast}: it is
 * published in the revoking transaction and recorded here by {@link #remoteRevocation} once that
 * transaction has committed, exactly like the second local record. While the broadcast cannot
 * promise delivery ({@link RevocationBroadcast#receiving()} false) no cached row is trusted or
 * stored, and when it resumes every row read before is forgotten ({@link #forgetAll}). On a single
 * node the broadcast is {@link RevocationBroadcast#SINGLE_NODE}. Whatever the broadcast, a cached
 * row is trusted for at most {@code gatehouse.tokens.cache.ttl-seconds} (5 s by default) after it
 * was read. A change of the user's row that revokes no token (a lock, a suspension, the
 * {@code admin} flag: {@link TokenService#accountChanged}) is recorded like the revocation of
 * every token of the user, so it is seen at once by every node. Rows of deactivated accounts and rows whose
 * first use retires a refresh token are never cached.
 *
 * <p>Lookups are counted as hits and misses ({@link Figure#TOKEN_CACHE_LOOKUPS}, and the hit ratio
 * since start, {@link Figure#TOKEN_CACHE_HIT_RATIO}); none are counted while the cache is off.
 */
@ApplicationScoped
public class TokenCache {

    /**
     * What one revoking call revoked: one access token, every token of a device or of a user
     * ({@code ref} is the database id of the token, device or user). Fired to be recorded again
     * after the transaction, and published to the other nodes of a cluster.
     */
    public record Revocation(Kind kind, long ref) {
    }

    /** What a {@link Revocation} refers to. */
    public enum Kind { TOKEN, DEVICE, USER }

    private record Entry(TokenOwner owner, long stamp, long trustedUntil) {
    }

    private record Revoked(long stamp, long at) {
    }

    private static final int REVOCATIONS_BEFORE_PURGE = 10_000;

    @Inject
    TokenCacheConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<Revocation> revocations;

    @Inject
    RevocationBroadcast broadcast;

    @Inject
    Metrics metrics;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Long, Revoked> revokedTokens = new ConcurrentHashMap<>();
    private final Map<Long, Revoked> revokedDevices = new ConcurrentHashMap<>();
    private final Map<Long, Revoked> revokedUsers = new ConcurrentHashMap<>();
    private final AtomicLong stamps = new AtomicLong();
    /** Rows read with a stamp below this one are not trusted (see {@link #forgetAll}). */
    private volatile long forgottenBefore;
    private Counter hits;
    private Counter misses;

    @PostConstruct
    void publishFigures() {
        hits = metrics.counter(Figure.TOKEN_CACHE_LOOKUPS, "hit");
        misses = metrics.counter(Figure.TOKEN_CACHE_LOOKUPS, "miss");
        metrics.gauge(Figure.TOKEN_CACHE_HIT_RATIO, this::hitRatio);
    }

    /** Creates the cache, and so publishes its figures, when the application starts. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the container created this bean to deliver the event: publishFigures has run
    }

    /** Hits among all lookups since start, {@code NaN} before the first lookup. */
    double hitRatio() {
        double hit = hits.count();
        double all = hit + misses.count();
        return all == 0 ? Double.NaN : hit / all;
    }

    /**
     * The cached owner of the token with hash {@code tokenHash}, when a row read for that token is
     * still trusted (within the TTL and revoked by nothing since it was read); empty otherwise,
     * and always when the cache is off. Public so that CDI's client proxy calls it directly.
     */
    public Optional<TokenOwner> trusted(String tokenHash) {
        if (config.ttl().isZero()) {
            return Optional.empty();
        }
        Entry cached = entries.get(tokenHash);
        if (cached == null) {
            misses.increment();
            return Optional.empty();
        }
        if (cached.trustedUntil() > clock.millis() && !revokedSince(cached) && broadcast.receiving()) {
            hits.increment();
            return Optional.of(cached.owner());
        }
        entries.remove(tokenHash, cached);
        misses.increment();
        return Optional.empty();
    }

    /**
     * What {@code database} returns for {@code tokenHash}, cached when it may be (a live account,
     * a token whose first use retires nothing). Call it only for a token whose format has been
     * verified: {@link #trusted} later answers for the same token without that check.
     */
    public Optional<TokenOwner> load(String tokenHash, Function<String, Optional<TokenOwner>> database) {
        long ttl = config.ttl().toMillis();
        if (ttl == 0 || !broadcast.receiving()) {
            return database.apply(tokenHash);
        }
        long now = clock.millis();
        long stamp = stamps.get();
        Optional<TokenOwner> owner = database.apply(tokenHash);
        owner.filter(row -> !row.deactivated() && row.retiresRefreshRef() == null)
                .ifPresent(row -> store(tokenHash, new Entry(row, stamp, now + ttl)));
        return owner;
    }

    /** Every access token of device {@code deviceRef} is being revoked. */
    void deviceRevoked(long deviceRef) {
        revoke(new Revocation(Kind.DEVICE, deviceRef));
    }

    /** Every access token of user {@code userRef} is being revoked. */
    void userRevoked(long userRef) {
        revoke(new Revocation(Kind.USER, userRef));
    }

    /** Access token {@code tokenRef} is being revoked. */
    void tokenRevoked(long tokenRef) {
        revoke(new Revocation(Kind.TOKEN, tokenRef));
    }

    /**
     * Records {@code revocation}, which another node of the cluster committed: no row of what it
     * revoked that was read before is trusted any more.
     */
    public void remoteRevocation(Revocation revocation) {
        record(revocation);
    }

    /**
     * Forgets every row read so far: called by the {@link RevocationBroadcast} when it starts
     * delivering again, since revocations published while it was not may have been missed.
     */
    public void forgetAll() {
        forgottenBefore = stamps.incrementAndGet();
        entries.clear();
    }

    /** Records {@code revocation} again once the revoking transaction has completed (at once without one). */
    void afterCompletion(@Observes(during = TransactionPhase.AFTER_COMPLETION) Revocation revocation) {
        record(revocation);
    }

    private void revoke(Revocation revocation) {
        record(revocation);
        revocations.fire(revocation);
        broadcast.publish(revocation);
    }

    private void record(Revocation revocation) {
        Map<Long, Revoked> revoked = switch (revocation.kind()) {
            case TOKEN -> revokedTokens;
            case DEVICE -> revokedDevices;
            case USER -> revokedUsers;
        };
        long now = clock.millis();
        if (revoked.size() >= REVOCATIONS_BEFORE_PURGE) {
            long forgettable = now - 2 * config.ttl().toMillis();
            revoked.values().removeIf(old -> old.at() < forgettable);
        }
        revoked.put(revocation.ref(), new Revoked(stamps.incrementAndGet(), now));
    }

    private boolean revokedSince(Entry entry) {
        TokenOwner owner = entry.owner();
        return entry.stamp() < forgottenBefore || newer(revokedTokens.get(owner.tokenId()), entry)
                || newer(revokedDevices.get(owner.deviceRef()), entry) || newer(revokedUsers.get(owner.userRef()), entry);
    }

    private static boolean newer(Revoked revoked, Entry entry) {
        return revoked != null && revoked.stamp() > entry.stamp();
    }

    private void store(String tokenHash, Entry entry) {
        if (entries.size() >= config.maxEntries()) {
            long now = clock.millis();
            entries.values().removeIf(old -> old.trustedUntil() <= now);
            if (entries.size() >= config.maxEntries() * 9L / 10) {
                entries.clear();
            }
        }
        entries.put(tokenHash, entry);
    }
}
