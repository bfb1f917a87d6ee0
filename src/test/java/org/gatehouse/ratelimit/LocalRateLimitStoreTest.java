package org.gatehouse.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LocalRateLimitStoreTest {

    private static final LimitRate TWO_PER_TEN_SECONDS = new LimitRate(0.1, 2);

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final LocalRateLimitStore store = new LocalRateLimitStore(clock, 10);

    @Test
    void aFullBucketAllowsTheBurstThenRefusesWithTheWait() {
        assertTrue(store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k").allowed());
        assertTrue(store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k").allowed());
        Verdict refused = store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k");
        assertFalse(refused.allowed());
        assertEquals(10_000, refused.retryAfterMs());
    }

    @Test
    void movingTheClockRefillsTheBucket() {
        store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k");
        store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k");
        clock.now = clock.now.plus(Duration.ofSeconds(4));
        assertEquals(6_000, store.probe(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k").retryAfterMs());
        clock.now = clock.now.plus(Duration.ofSeconds(6));
        assertTrue(store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k").allowed());
    }

    @Test
    void probingTakesNoToken() {
        for (int i = 0; i < 5; i++) {
            assertTrue(store.probe(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k").allowed());
        }
        assertTrue(store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "k").allowed());
    }

    @Test
    void bucketsOfDifferentKeysAndLimitsAreSeparate() {
        store.tryConsume(LimitName.REGISTRATION, TWO_PER_TEN_SECONDS, "k");
        store.tryConsume(LimitName.REGISTRATION, TWO_PER_TEN_SECONDS, "k");
        assertFalse(store.probe(LimitName.REGISTRATION, TWO_PER_TEN_SECONDS, "k").allowed());
        assertTrue(store.probe(LimitName.USERNAME_AVAILABILITY, TWO_PER_TEN_SECONDS, "k").allowed());
        assertTrue(store.probe(LimitName.REGISTRATION, TWO_PER_TEN_SECONDS, "other").allowed());
    }

    @Test
    void theMapStaysBoundedAndKeepsBucketsThatAreNotFull() {
        store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "busy");
        store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "busy");
        for (int i = 0; i < 100; i++) {
            store.probe(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "idle-" + i);
        }
        assertTrue(store.size() <= 10, "size " + store.size());
        assertFalse(store.probe(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "busy").allowed());
    }

    @Test
    void aFloodOfNewKeysNeverDropsABucketThatIsNotFull() {
        store.tryConsume(LimitName.LOGIN_FAILED_ATTEMPTS, TWO_PER_TEN_SECONDS, "victim");
        store.tryConsume(LimitName.LOGIN_FAILED_ATTEMPTS, TWO_PER_TEN_SECONDS, "victim");
        for (int i = 0; i < 1000; i++) {
            store.tryConsume(LimitName.LOGIN_FAILED_ATTEMPTS, TWO_PER_TEN_SECONDS, "flood-" + i);
        }
        assertFalse(store.probe(LimitName.LOGIN_FAILED_ATTEMPTS, TWO_PER_TEN_SECONDS, "victim").allowed());
        assertTrue(store.size() <= 10, "size " + store.size());
    }

    @Test
    void whenNoBucketIsFullAgainANewKeyIsRefused() {
        for (int i = 0; i < 10; i++) {
            store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "busy-" + i);
        }
        Verdict consumed = store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "new");
        assertFalse(consumed.allowed());
        assertEquals(10_000, consumed.retryAfterMs());
        assertFalse(store.probe(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "new").allowed());
        assertTrue(store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "busy-3").allowed());
    }

    @Test
    void bucketsThatAreFullAgainMakeRoomForNewKeys() {
        for (int i = 0; i < 10; i++) {
            store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "busy-" + i);
        }
        clock.now = clock.now.plus(Duration.ofSeconds(10));
        assertTrue(store.tryConsume(LimitName.LOGIN_ADDRESS, TWO_PER_TEN_SECONDS, "new").allowed());
        assertEquals(1, store.size());
    }

    @Test
    void probingAKeyWithoutABucketCreatesNone() {
        for (int i = 0; i < 5; i++) {
            assertTrue(store.probe(LimitName.LOGIN_FAILED_ATTEMPTS, TWO_PER_TEN_SECONDS, "unknown-" + i).allowed());
        }
        assertEquals(0, store.size());
    }

    @Test
    void bucketsAreStoredUnderAFixedSizeHashOfTheKey() {
        String huge = "x".repeat(1_000_000);
        String id = LocalRateLimitStore.bucketId(LimitName.LOGIN_FAILED_ATTEMPTS, huge);
        assertEquals(LocalRateLimitStore.bucketId(LimitName.LOGIN_FAILED_ATTEMPTS, "k").length(), id.length());
        assertTrue(id.length() <= 64, id);
        assertFalse(id.equals(LocalRateLimitStore.bucketId(LimitName.LOGIN_ADDRESS, huge)));
    }

    @Test
    void theBoundComesFromTheMemoryBudget() {
        assertEquals(LocalRateLimitStore.MEMORY_BUDGET_BYTES / LocalRateLimitStore.BYTES_PER_BUCKET,
                LocalRateLimitStore.MAX_KEYS);
    }

    @Test
    void oneTokenAMinuteIsSixtySecondsApart() {
        assertEquals(Duration.ofSeconds(60), LimitName.LOGIN_TOKEN.defaultRate().refillPeriod());
    }
}
