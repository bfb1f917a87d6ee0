package org.gatehouse.credential;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * A bounded pool for CPU-heavy password work: a fixed number of threads and a short queue. Work
 * that finds the queue full is refused at once with 429 {@code M_LIMIT_EXCEEDED}, so a login storm
 * cannot tie up the server's request threads (and CPU) that cheap requests need.
 *
 * <p>The refusal's {@code retry_after_ms} is how long the pool needs for the work it has already
 * accepted (waiting and running tasks × the average time of a task ÷ threads), within
 * [{@value #MIN_RETRY_AFTER_MS}, {@value #MAX_RETRY_AFTER_MS}] ms: a client that waits as told
 * (spec: "Rate limiting") comes back when there is room, neither hammering the pool nor idling
 * long after it has drained (at the default Argon2id cost a full queue drains in about 0.2 s).
 */
public final class HashingPool {

    /** The shortest wait a refused caller is told. */
    static final long MIN_RETRY_AFTER_MS = 10;

    /** The longest wait a refused caller is told. */
    static final long MAX_RETRY_AFTER_MS = 5000;

    private final ThreadPoolExecutor executor;
    private final int threads;
    private final Runnable onRejection;

    /** A moving average of how long a task runs, in nanoseconds (0 until one has run). */
    private final AtomicLong averageNanos = new AtomicLong();

    /**
     * A pool of {@code threads} threads that queues at most {@code queueSize} waiting tasks and
     * calls {@code onRejection} (on the caller's thread) for each task refused because the queue is full.
     */
    public HashingPool(int threads, int queueSize, Runnable onRejection) {
        this.threads = threads;
        this.onRejection = onRejection;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "gatehouse-password-hashing-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueSize), factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * A pool with one thread per available processor and a queue of four tasks per thread, calling
     * {@code onRejection} for each task refused.
     */
    public static HashingPool sizedToMachine(Runnable onRejection) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new HashingPool(cores, 4 * cores, onRejection);
    }

    /** Tasks waiting for a thread now. */
    public int waiting() {
        return executor.getQueue().size();
    }

    /** Tasks running now (approximate, as {@link ThreadPoolExecutor#getActiveCount}). */
    public int running() {
        return executor.getActiveCount();
    }

    /**
     * Runs {@code work} on the pool and waits for its result; a {@link RuntimeException} or
     * {@link Error} it throws is rethrown unchanged.
     *
     * @throws MatrixException 429 {@code M_LIMIT_EXCEEDED} with {@code retry_after_ms} when the
     *         queue is full (or the pool is shut down)
     */
    public <T> T run(Supplier<T> work) {
        Future<T> future;
        try {
            future = executor.submit(() -> timed(work));
        } catch (RejectedExecutionException full) {
            onRejection.run();
            long retryAfter = retryAfterMs(executor.getQueue().size() + executor.getActiveCount(), threads, averageNanos.get());
            throw new MatrixException(429, ErrCode.M_LIMIT_EXCEEDED, "The server is busy; try again shortly",
                    Map.of("retry_after_ms", retryAfter));
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for password hashing", e);
        }
    }

    private <T> T timed(Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            long took = System.nanoTime() - start;
            averageNanos.accumulateAndGet(took, (average, sample) -> average == 0 ? sample : average + (sample - average) / 8);
        }
    }

    /**
     * The time {@code threads} threads need for {@code tasks} tasks of {@code averageNanos} each, in
     * milliseconds, rounded up and kept within [{@value #MIN_RETRY_AFTER_MS}, {@value #MAX_RETRY_AFTER_MS}].
     */
    static long retryAfterMs(int tasks, int threads, long averageNanos) {
        long nanos = Math.max(0, tasks) * Math.max(0, averageNanos) / Math.max(1, threads);
        long millis = (nanos + 999_999) / 1_000_000;
        return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, millis));
    }

    /** Stops the threads; later work is refused. */
    public void shutdown() {
        executor.shutdownNow();
    }
}
