package org.gatehouse.credential;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link PasswordHasher} run on a {@link HashingPool} sized to the machine: the same operations,
 * but a caller waits for a pool thread, and when the pool's queue is full the call fails at once
 * with 429 {@code M_LIMIT_EXCEEDED} ({@code retry_after_ms}) instead of piling up. Callers use
 * this bean, never {@link PasswordHasher} directly, for request-driven hashing.
 */
@ApplicationScoped
public class PasswordHashing {

    @Inject
    PasswordHasher hasher;

    private HashingPool pool;

    @PostConstruct
    void start() {
        pool = HashingPool.sizedToMachine();
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
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
