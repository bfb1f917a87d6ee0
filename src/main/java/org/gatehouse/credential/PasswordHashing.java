package org.gatehouse.credential;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.gatehouse.infra.metrics.Counter;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;

/**
 * {@link PasswordHasher} run on a {@link HashingPool} sized to the machine, whose work runs on the
 * container's default {@link ManagedExecutorService} ({@code java:comp/DefaultManagedExecutorService},
 * a Jakarta Concurrency resource both WildFly and Payara provide): the same operations,
 * but a caller waits for a pool thread, and when the pool's queue is full the call fails at once
 * with 429 {@code M_LIMIT_EXCEEDED} ({@code retry_after_ms}) instead of piling up, as it does when
 * the result takes longer than the pool's bounded wait. Callers use
 * this bean, never {@link PasswordHasher} directly, for request-driven hashing. The pool's queue,
 * running tasks and refusals are published as figures ({@link Figure#HASHING_QUEUE},
 * {@link Figure#HASHING_RUNNING}, {@link Figure#HASHING_REJECTIONS}).
 */
@ApplicationScoped
public class PasswordHashing {

    @Inject
    PasswordHasher hasher;

    @Inject
    Metrics metrics;

    @Resource
    ManagedExecutorService executor;

    private HashingPool pool;

    @PostConstruct
    void start() {
        Counter rejections = metrics.counter(Figure.HASHING_REJECTIONS);
        pool = HashingPool.sizedToMachine(executor, rejections::increment);
        metrics.gauge(Figure.HASHING_QUEUE, pool::waiting);
        metrics.gauge(Figure.HASHING_RUNNING, pool::running);
    }

    /** Starts the pool, and so publishes its figures, when the application starts. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the container created this bean to deliver the event: start has run
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
        Argon2id.releaseSpareMemory();
    }

    /** {@link PasswordHasher#hash} on the pool. */
    public String hash(String password) {
        return pool.run(() -> hasher.hash(password));
    }

    /** {@link PasswordHasher#verify} on the pool. */
    public boolean verify(String password, String storedHash) {
        return pool.run(() -> hasher.verify(password, storedHash));
    }

    /** {@link PasswordHasher#verifyDummy} on the pool. */
    public void verifyDummy(String password) {
        pool.run(() -> {
            hasher.verifyDummy(password);
            return null;
        });
    }

    /** {@link PasswordHasher#needsRehash} (cheap; runs on the caller's thread). */
    public boolean needsRehash(String storedHash) {
        return hasher.needsRehash(storedHash);
    }
}
