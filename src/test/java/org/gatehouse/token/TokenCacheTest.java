package org.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gatehouse.config.TokenCacheConfig;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;
import org.junit.jupiter.api.Test;

/** The cache of verified tokens: hits, expiry of trust, revocation and bounds. */
class TokenCacheTest {

    private static final String HASH = "a".repeat(64);
    private static final TokenOwner ROW = new TokenOwner(10, null, null, 20, "alice", false, false, false, 30, "DEV", false, false);

    private final MutableClock clock = new MutableClock();
    private final List<TokenCache.Revocation> afterCommit = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final FakeBroadcast broadcast = new FakeBroadcast();

    private TokenCache cache(long ttlSeconds, int maxEntries) {
        TokenCache cache = new TokenCache();
        cache.config = new TokenCacheConfig(ttlSeconds, maxEntries);
        cache.clock = clock;
        cache.revocations = new PendingEvents(afterCommit);
        cache.broadcast = broadcast;
        cache.metrics = Metrics.inMemory();
        cache.publishFigures();
        return cache;
    }

    private Function<String, Optional<TokenOwner>> database(TokenOwner row) {
        return hash -> {
            reads.incrementAndGet();
            return Optional.ofNullable(row);
        };
    }

    /** What {@link TokenService#authenticate} does: the trusted row, else a load from the database. */
    private static Optional<TokenOwner> lookup(TokenCache cache, String hash, Function<String, Optional<TokenOwner>> database) {
        return cache.trusted(hash).or(() -> cache.load(hash, database));
    }

    @Test
    void nothingIsTrustedBeforeItWasLoaded() {
        TokenCache cache = cache(5, 100);
        assertEquals(Optional.empty(), cache.trusted(HASH));
        cache.load(HASH, database(ROW));
        assertEquals(Optional.of(ROW), cache.trusted(HASH));
        assertEquals(Optional.empty(), cache.trusted("b".repeat(64)));
    }

    @Test
    void aMissingRowIsNotCached() {
        TokenCache cache = cache(5, 100);
        cache.load(HASH, database(null));
        assertEquals(Optional.empty(), cache.trusted(HASH));
    }

    @Test
    void secondLookupWithinTtlSkipsTheDatabase() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        assertEquals(Optional.of(ROW), lookup(cache, HASH, database(ROW)));
        assertEquals(1, reads.get());
    }

    @Test
    void lookupAfterTtlReadsTheDatabaseAgain() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        clock.advance(5_000);
        lookup(cache, HASH, database(ROW));
        assertEquals(2, reads.get());
    }

    @Test
    void deviceRevocationTakesEffectAtOnce() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        cache.deviceRevoked(ROW.deviceRef());
        assertEquals(Optional.empty(), lookup(cache, HASH, database(null)));
    }

    @Test
    void userRevocationTakesEffectAtOnce() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        cache.userRevoked(ROW.userRef());
        assertEquals(Optional.empty(), lookup(cache, HASH, database(null)));
    }

    @Test
    void tokenRevocationTakesEffectAtOnce() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        cache.tokenRevoked(ROW.tokenId());
        assertEquals(Optional.empty(), lookup(cache, HASH, database(null)));
    }

    @Test
    void revocationOfAnotherDeviceKeepsTheEntry() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        cache.deviceRevoked(ROW.deviceRef() + 1);
        lookup(cache, HASH, database(ROW));
        assertEquals(1, reads.get());
    }

    @Test
    void rowReadBeforeTheRevokingTransactionCommitsIsNotServedAfterIt() {
        TokenCache cache = cache(5, 100);
        cache.deviceRevoked(ROW.deviceRef());
        lookup(cache, HASH, database(ROW));
        afterCommit.forEach(cache::afterCompletion);
        assertEquals(Optional.empty(), lookup(cache, HASH, database(null)));
    }

    @Test
    void rowReadWhileARevocationHappensIsNotServedLater() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, hash -> {
            cache.userRevoked(ROW.userRef());
            return Optional.of(ROW);
        });
        assertEquals(Optional.empty(), lookup(cache, HASH, database(null)));
    }

    @Test
    void rowOfDeactivatedAccountIsNotCached() {
        TokenOwner deactivated = new TokenOwner(10, null, null, 20, "alice", false, false, true, 30, "DEV", false, false);
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(deactivated));
        lookup(cache, HASH, database(deactivated));
        assertEquals(2, reads.get());
    }

    @Test
    void rowWhoseFirstUseRetiresARefreshTokenIsNotCached() {
        TokenOwner retiring = new TokenOwner(10, null, 99L, 20, "alice", false, false, false, 30, "DEV", false, false);
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(retiring));
        lookup(cache, HASH, database(retiring));
        assertEquals(2, reads.get());
    }

    @Test
    void unknownTokenIsNotCached() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(null));
        lookup(cache, HASH, database(null));
        assertEquals(2, reads.get());
    }

    @Test
    void zeroTtlTurnsTheCacheOff() {
        TokenCache cache = cache(0, 100);
        lookup(cache, HASH, database(ROW));
        lookup(cache, HASH, database(ROW));
        assertEquals(2, reads.get());
    }

    @Test
    void lookupsAreCountedAsHitsAndMissesWithTheirRatio() {
        TokenCache cache = cache(5, 100);
        cache.trusted(HASH);
        cache.load(HASH, database(ROW));
        cache.trusted(HASH);
        cache.trusted(HASH);
        cache.trusted(HASH);
        clock.advance(5_000);
        cache.trusted(HASH);
        Map<String, Double> lookups = cache.metrics.read().stream()
                .filter(reading -> reading.figure() == Figure.TOKEN_CACHE_LOOKUPS)
                .collect(Collectors.toMap(reading -> reading.labels().get("result"), Metrics.Reading::value));
        assertEquals(Map.of("hit", 3.0, "miss", 2.0), lookups);
        assertEquals(0.6, cache.hitRatio(), 1e-9);
    }

    @Test
    void nothingIsCountedWhileTheCacheIsOff() {
        TokenCache cache = cache(0, 100);
        lookup(cache, HASH, database(ROW));
        lookup(cache, HASH, database(ROW));
        assertTrue(Double.isNaN(cache.hitRatio()));
    }

    @Test
    void cacheNeverHoldsMoreThanItsBound() {
        TokenCache cache = cache(5, 10);
        for (int i = 0; i < 25; i++) {
            lookup(cache, Integer.toString(i), database(ROW));
        }
        int before = reads.get();
        for (int i = 0; i < 25; i++) {
            lookup(cache, Integer.toString(i), database(ROW));
        }
        assertTrue(reads.get() - before >= 15, "at most 10 of 25 tokens can still be cached");
    }

    @Test
    void everyLocalRevocationIsPublishedToTheOtherNodes() {
        TokenCache cache = cache(5, 100);
        cache.tokenRevoked(1);
        cache.deviceRevoked(2);
        cache.userRevoked(3);
        assertEquals(List.of(new TokenCache.Revocation(TokenCache.Kind.TOKEN, 1),
                new TokenCache.Revocation(TokenCache.Kind.DEVICE, 2),
                new TokenCache.Revocation(TokenCache.Kind.USER, 3)), broadcast.published);
    }

    @Test
    void revocationFromAnotherNodeTakesEffectAtOnce() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        cache.remoteRevocation(new TokenCache.Revocation(TokenCache.Kind.DEVICE, ROW.deviceRef()));
        assertEquals(Optional.empty(), lookup(cache, HASH, database(null)));
        assertEquals(List.of(), broadcast.published, "a remote revocation is not published again");
    }

    @Test
    void rowReadBeforeARemoteRevocationArrivesIsNotServedAfterIt() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, hash -> {
            cache.remoteRevocation(new TokenCache.Revocation(TokenCache.Kind.USER, ROW.userRef()));
            return Optional.of(ROW);
        });
        assertEquals(Optional.empty(), lookup(cache, HASH, database(null)));
    }

    @Test
    void nothingIsTrustedOrCachedWhileRevocationsAreNotReceived() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        broadcast.receiving = false;
        assertEquals(Optional.empty(), cache.trusted(HASH));
        lookup(cache, HASH, database(ROW));
        lookup(cache, HASH, database(ROW));
        assertEquals(3, reads.get());
    }

    @Test
    void rowsReadBeforeForgetAllAreNotTrusted() {
        TokenCache cache = cache(5, 100);
        lookup(cache, HASH, database(ROW));
        lookup(cache, "b".repeat(64), hash -> {
            cache.forgetAll();
            return Optional.of(ROW);
        });
        assertEquals(Optional.empty(), cache.trusted("b".repeat(64)));
        assertEquals(Optional.empty(), cache.trusted(HASH));
        lookup(cache, HASH, database(ROW));
        assertEquals(Optional.of(ROW), cache.trusted(HASH), "rows read afterwards are cached again");
    }

    /** A broadcast that records what is published and receives as the test says. */
    private static final class FakeBroadcast implements RevocationBroadcast {
        private final List<TokenCache.Revocation> published = new ArrayList<>();
        private boolean receiving = true;

        @Override
        public void publish(TokenCache.Revocation revocation) {
            published.add(revocation);
        }

        @Override
        public boolean receiving() {
            return receiving;
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private long millis = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

        void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Collects fired revocations, as a transactional observer would receive them after commit. */
    private record PendingEvents(List<TokenCache.Revocation> fired) implements Event<TokenCache.Revocation> {
        @Override
        public void fire(TokenCache.Revocation event) {
            fired.add(event);
        }

        @Override
        public <U extends TokenCache.Revocation> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TokenCache.Revocation> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<TokenCache.Revocation> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TokenCache.Revocation> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TokenCache.Revocation> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
