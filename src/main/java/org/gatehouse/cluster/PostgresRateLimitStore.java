package org.gatehouse.cluster;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.LimitRate;
import org.gatehouse.ratelimit.RateLimitStore;
import org.gatehouse.ratelimit.Verdict;
import org.gatehouse.token.TokenHashes;

/**
 * The {@link RateLimitStore} of a cluster: every bucket is a row of {@code gh_rate_limit_bucket}
 * in the shared PostgreSQL database, read and written by Bucket4j's PostgreSQL backend
 * ({@code SELECT … FOR UPDATE}, then {@code UPDATE}, in a transaction of its own), so all nodes
 * take from the same bucket and N nodes do not multiply anybody's budget.
 *
 * <p>Each call runs outside the caller's transaction ({@code NOT_SUPPORTED}): Bucket4j commits
 * its own, and a failed login that rolls back must still have counted. Buckets are timed by the
 * injected {@link Clock}, so the nodes' clocks must agree (NTP). A row expires one minute after
 * its bucket would be full again; {@link #purgeExpired} deletes such rows.
 */
@ApplicationScoped
@Typed(PostgresRateLimitStore.class)
public class PostgresRateLimitStore implements RateLimitStore {

    /** How long a row outlives the moment its bucket is full again. */
    static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(1);

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    Clock clock;

    private PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    @PostConstruct
    void connect() {
        buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("gh_rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                .clientClock(new ClockTime(clock))
                .build();
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Verdict tryConsume(LimitName limit, LimitRate rate, String key) {
        ConsumptionProbe probe = bucket(limit, rate, key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Verdict.ALLOWED : Verdict.waitNanos(probe.getNanosToWaitForRefill());
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Verdict probe(LimitName limit, LimitRate rate, String key) {
        EstimationProbe probe = bucket(limit, rate, key).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Verdict.ALLOWED : Verdict.waitNanos(probe.getNanosToWaitForRefill());
    }

    /** Deletes up to {@code batch} rows whose buckets have been full for a while; returns how many. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int purgeExpired(int batch) {
        return buckets.removeExpired(batch);
    }

    /** The row id of a bucket: fixed-size whatever the key (an IPv6 address, a long user ID). */
    static String rowId(LimitName limit, String key) {
        return TokenHashes.sha256(limit.name() + '\n' + key);
    }

    private BucketProxy bucket(LimitName limit, LimitRate rate, String key) {
        return buckets.getProxy(rowId(limit, key), () -> BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(rate.burst()).refillGreedy(1, rate.refillPeriod()))
                .build());
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
