package org.gatehouse.account;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * A bounded pool for CPU-heavy password work: a fixed number of threads and a short queue. Work
 * that finds the queue full is refused at once with 429 {@code M_LIMIT_EXCEEDED}, so a login storm
 * cannot tie up the server's request threads (and CPU) that cheap requests need.
 */
public final class HashingPool {

    /** What a refused caller is told to wait before trying again. */
    static final long RETRY_AFTER_MS = 1000;

    private final ThreadPoolExecutor executor;

    /** A pool of {@code threads} threads that queues at most {@code queueSize} waiting tasks. */
    public HashingPool(int threads, int queueSize) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "gatehouse-password-hashing-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueSize), factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /** A pool with one thread per available processor and a queue of four tasks per thread. */
    public static HashingPool sizedToMachine() {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new HashingPool(cores, 4 * cores);
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
            future = executor.submit(work::get);
        } catch (RejectedExecutionException full) {
            throw new MatrixException(429, ErrCode.M_LIMIT_EXCEEDED, "The server is busy; try again shortly",
                    Map.of("retry_after_ms", RETRY_AFTER_MS));
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

    /** Stops the threads; later work is refused. */
    public void shutdown() {
        executor.shutdownNow();
    }
}
