package org.gatehouse.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingPoolTest {

    private final AtomicInteger rejections = new AtomicInteger();
    private final AtomicInteger containerThreads = new AtomicInteger();
    /** Stands in for the container's ManagedExecutorService: more threads than the pool may use. */
    private final ExecutorService container = Executors.newFixedThreadPool(4,
            task -> new Thread(task, "container-managed-" + containerThreads.incrementAndGet()));
    private final HashingPool pool = new HashingPool(container, 1, 1, Duration.ofSeconds(10), rejections::incrementAndGet);
    private final ExecutorService callers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdown();
        callers.shutdownNow();
        container.shutdownNow();
    }

    @Test
    void workRunsOnTheContainersExecutorAndReturnsItsResult() {
        assertTrue(pool.run(() -> Thread.currentThread().getName()).startsWith("container-managed-"));
    }

    @Test
    void noMoreTasksRunAtOnceThanThePoolHasThreadsWhateverTheExecutorHas() throws Exception {
        HashingPool oneAtATime = new HashingPool(container, 1, 2, Duration.ofSeconds(10), rejections::incrementAndGet);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        var first = callers.submit(() -> oneAtATime.run(() -> overlapping(now, most)));
        var second = callers.submit(() -> oneAtATime.run(() -> overlapping(now, most)));
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        assertEquals(1, most.get());
    }

    @Test
    void aCallerWaitsNoLongerThanTheBoundedWait() {
        HashingPool impatient = new HashingPool(container, 1, 1, Duration.ofMillis(200), rejections::incrementAndGet);
        CountDownLatch release = new CountDownLatch(1);
        long start = System.nanoTime();
        MatrixException refused = assertThrows(MatrixException.class, () -> impatient.run(() -> {
            await(release);
            return "late";
        }));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        release.countDown();
        assertEquals(429, refused.status());
        assertTrue(took.toMillis() < 2000, "waited " + took);
        assertEquals(1, rejections.get());
    }

    @Test
    void anExecutorThatRefusesWorkIsABusyPool() {
        HashingPool closed = new HashingPool(task -> {
            throw new java.util.concurrent.RejectedExecutionException("shutting down");
        }, 1, 1, Duration.ofSeconds(1), rejections::incrementAndGet);
        assertEquals(429, assertThrows(MatrixException.class, () -> closed.run(() -> "never")).status());
        assertEquals(0, closed.waiting());
    }

    private static Object overlapping(AtomicInteger now, AtomicInteger most) {
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
        sleep(100);
        now.decrementAndGet();
        return null;
    }

    @Test
    void exceptionsOfTheWorkReachTheCallerUnchanged() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad password text");
        assertEquals(thrown, assertThrows(IllegalArgumentException.class, () -> pool.run(() -> {
            throw thrown;
        })));
    }

    @Test
    void aFullQueueIsRefusedAtOnceWith429() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        fillThePool(release);
        long start = System.nanoTime();
        MatrixException refused = assertThrows(MatrixException.class, () -> pool.run(() -> "never"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        release.countDown();
        assertEquals(429, refused.status());
        assertEquals(ErrCode.M_LIMIT_EXCEEDED, refused.errCode());
        long retryAfter = (Long) refused.extra().get("retry_after_ms");
        assertTrue(retryAfter >= HashingPool.MIN_RETRY_AFTER_MS && retryAfter <= HashingPool.MAX_RETRY_AFTER_MS,
                "retry_after_ms " + retryAfter);
        assertTrue(took.toMillis() < 1000, "refusal took " + took);
    }

    @Test
    void theQueueRunningTasksAndRefusalsCanBeRead() throws Exception {
        assertEquals(0, pool.waiting());
        assertEquals(0, pool.running());
        CountDownLatch release = new CountDownLatch(1);
        fillThePool(release);
        assertEquals(1, pool.waiting());
        assertEquals(1, pool.running());
        assertThrows(MatrixException.class, () -> pool.run(() -> "never"));
        assertThrows(MatrixException.class, () -> pool.run(() -> "never"));
        release.countDown();
        assertEquals(2, rejections.get());
    }

    @Test
    void aRefusedCallerIsToldToWaitAboutAsLongAsTheAcceptedWorkTakes() throws Exception {
        for (int i = 0; i < 20; i++) {
            pool.run(() -> {
                sleep(40);
                return null;
            });
        }
        CountDownLatch release = new CountDownLatch(1);
        fillThePool(release);
        MatrixException refused = assertThrows(MatrixException.class, () -> pool.run(() -> "never"));
        release.countDown();
        long retryAfter = (Long) refused.extra().get("retry_after_ms");
        assertTrue(retryAfter >= 80 && retryAfter < 1000, "two tasks of about 40 ms on one thread, told " + retryAfter);
    }

    @Test
    void theWaitIsTheWorkOverTheThreadsWithinItsBounds() {
        assertEquals(180, HashingPool.retryAfterMs(10, 2, 36_000_000));
        assertEquals(HashingPool.MIN_RETRY_AFTER_MS, HashingPool.retryAfterMs(10, 2, 50_000));
        assertEquals(HashingPool.MIN_RETRY_AFTER_MS, HashingPool.retryAfterMs(10, 2, 0));
        assertEquals(HashingPool.MAX_RETRY_AFTER_MS, HashingPool.retryAfterMs(10, 2, 2_000_000_000));
        assertEquals(11, HashingPool.retryAfterMs(1, 1, 10_000_001));
    }

    @Test
    void theQueueDrainsAndWorkIsAcceptedAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        var blocked = callers.submit(() -> pool.run(() -> {
            await(release);
            return "done";
        }));
        release.countDown();
        assertEquals("done", blocked.get(5, TimeUnit.SECONDS));
        assertEquals(42, pool.run(() -> 42));
    }

    /** Occupies the pool's one thread until {@code release} and its one queue place, waiting until both are taken. */
    private void fillThePool(CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        callers.submit(() -> pool.run(() -> {
            running.countDown();
            await(release);
            return null;
        }));
        assertTrue(running.await(5, TimeUnit.SECONDS));
        callers.submit(() -> pool.run(() -> null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.waiting() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, pool.waiting(), "the second task is queued");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
