package org.gatehouse.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process token buckets (Bucket4j) timed by the injected {@link Clock}, so tests move time
 * instead of sleeping. The map is bounded: when it reaches {@link #MAX_KEYS}, buckets that have
 * refilled completely (which are equivalent to new ones) are dropped; if that is not enough,
 * arbitrary buckets are dropped until the map is at 90% of the bound.
 */
@ApplicationScoped
public class LocalRateLimitStore implements RateLimitStore {

    /** The most buckets kept at once. */
    static final int MAX_KEYS = 100_000;

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private TimeMeter time;
    private int maxKeys;

    protected LocalRateLimitStore() {
    }

    @Inject
    public LocalRateLimitStore(Clock clock) {
        this(clock, MAX_KEYS);
    }

    LocalRateLimitStore(Clock clock, int maxKeys) {
        this.time = new ClockTime(clock);
        this.maxKeys = maxKeys;
    }

    @Override
    public Verdict tryConsume(LimitName limit, LimitRate rate, String key) {
        ConsumptionProbe probe = bucket(limit, rate, key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Verdict.ALLOWED : Verdict.waitNanos(probe.getNanosToWaitForRefill());
    }

    @Override
    public Verdict probe(LimitName limit, LimitRate rate, String key) {
        EstimationProbe probe = bucket(limit, rate, key).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Verdict.ALLOWED : Verdict.waitNanos(probe.getNanosToWaitForRefill());
    }

    /** How many buckets are kept now. */
    int size() {
        return buckets.size();
    }

    private Bucket bucket(LimitName limit, LimitRate rate, String key) {
        String id = limit.name() + '\u0000' + key;
        Entry entry = buckets.get(id);
        if (entry == null) {
            if (buckets.size() >= maxKeys) {
                evict();
            }
            entry = buckets.computeIfAbsent(id, ignored -> new Entry(newBucket(rate), rate.burst()));
        }
        return entry.bucket();
    }

    private Bucket newBucket(LimitRate rate) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(1, rate.refillPeriod()))
                .withCustomTimePrecision(time)
                .build();
    }

    private synchronized void evict() {
        buckets.values().removeIf(entry -> entry.bucket().getAvailableTokens() >= entry.capacity());
        Iterator<String> ids = buckets.keySet().iterator();
        while (buckets.size() > maxKeys * 9L / 10 && ids.hasNext()) {
            ids.next();
            ids.remove();
        }
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
