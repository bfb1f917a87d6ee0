package org.gatehouse.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process token buckets (Bucket4j) timed by the injected {@link Clock}, so tests move time
 * instead of sleeping.
 *
 * <p>The store is bounded by memory whatever keys clients choose: a bucket is stored under a
 * fixed-size hash of its limit and key ({@link #bucketId}), so each costs about
 * {@value #BYTES_PER_BUCKET} bytes, and at most {@link #MAX_KEYS} are kept (
 * {@value #MEMORY_BUDGET_BYTES} bytes in all). When the store is full, buckets that have refilled
 * completely (which are equivalent to new ones) are dropped, and nothing else: a bucket that still
 * remembers a client's requests is never dropped to make room, so a flood of new keys cannot reset
 * a victim's failed-attempt bucket. If no bucket is full again, a new key is refused (as an empty
 * bucket, told to retry after one refill period of its limit) until one is; a sweep that frees too
 * little is not repeated for {@link #SWEEP_BACKOFF}, so the flood does not cost a scan a request.
 */
@ApplicationScoped
public class LocalRateLimitStore implements RateLimitStore {

    /** A generous estimate of the heap one bucket takes: map entry, hashed key, Bucket4j bucket and state. */
    static final int BYTES_PER_BUCKET = 512;

    /** The heap all buckets may take. */
    static final long MEMORY_BUDGET_BYTES = 32L * 1024 * 1024;

    /** The most buckets kept at once. */
    static final int MAX_KEYS = (int) (MEMORY_BUDGET_BYTES / BYTES_PER_BUCKET);

    /** How long after a sweep that left the store nearly full the next one may run. */
    static final Duration SWEEP_BACKOFF = Duration.ofSeconds(1);

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private Clock clock;
    private TimeMeter time;
    private int maxKeys;
    private volatile Instant nextSweep = Instant.MIN;

    protected LocalRateLimitStore() {
    }

    @Inject
    public LocalRateLimitStore(Clock clock) {
        this(clock, MAX_KEYS);
    }

    LocalRateLimitStore(Clock clock, int maxKeys) {
        this.clock = clock;
        this.time = new ClockTime(clock);
        this.maxKeys = maxKeys;
    }

    @Override
    public Verdict tryConsume(LimitName limit, LimitRate rate, String key) {
        String id = bucketId(limit, key);
        Entry entry = buckets.get(id);
        if (entry == null) {
            if (!roomForOneMore()) {
                return refusedForPressure(rate);
            }
            entry = buckets.computeIfAbsent(id, ignored -> new Entry(newBucket(rate), rate.burst()));
        }
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Verdict.ALLOWED : Verdict.waitNanos(probe.getNanosToWaitForRefill());
    }

    /** Answers for a key without a bucket without creating one: a new bucket is full. */
    @Override
    public Verdict probe(LimitName limit, LimitRate rate, String key) {
        Entry entry = buckets.get(bucketId(limit, key));
        if (entry == null) {
            return roomForOneMore() ? Verdict.ALLOWED : refusedForPressure(rate);
        }
        EstimationProbe probe = entry.bucket().estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Verdict.ALLOWED : Verdict.waitNanos(probe.getNanosToWaitForRefill());
    }

    /** How many buckets are kept now. */
    int size() {
        return buckets.size();
    }

    /**
     * The key a bucket is stored under: the SHA-256 of the limit and the key, 43 characters of
     * unpadded Base64 whatever the length of {@code key}.
     */
    static String bucketId(LimitName limit, String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(limit.name().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return Base64.getEncoder().withoutPadding().encodeToString(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private boolean roomForOneMore() {
        if (buckets.size() < maxKeys) {
            return true;
        }
        sweep();
        return buckets.size() < maxKeys;
    }

    private static Verdict refusedForPressure(LimitRate rate) {
        return Verdict.waitNanos(rate.refillPeriod().toNanos());
    }

    private Bucket newBucket(LimitRate rate) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(1, rate.refillPeriod()))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Drops the buckets that are full again, unless a sweep left the store nearly full a moment ago. */
    private synchronized void sweep() {
        Instant now = clock.instant();
        if (buckets.size() < maxKeys || now.isBefore(nextSweep)) {
            return;
        }
        buckets.values().removeIf(entry -> entry.bucket().getAvailableTokens() >= entry.capacity());
        nextSweep = buckets.size() > maxKeys * 9L / 10 ? now.plus(SWEEP_BACKOFF) : Instant.MIN;
    }

    private record Entry(Bucket bucket, long capacity) {
    }

    /** Bucket4j's time source over a {@link Clock}. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
