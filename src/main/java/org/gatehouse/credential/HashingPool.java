package org.gatehouse.credential;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * Bounded admission for CPU-heavy password work, run on threads the container manages (a
 * {@code ManagedExecutorService}, given as an {@link Executor}): at most {@code threads} tasks run
 * at once and at most {@code queueSize} more wait. Work that finds the queue full is refused at once
 * with 429 {@code M_LIMIT_EXCEEDED}, so a login storm cannot tie up the server's request threads
 * (and CPU) that cheap requests need; a caller waits at most {@code maxWait} for its result, and is
 * then refused the same way (the work, if it has not started, never runs).
 *
 * <p>The pool keeps no threads of its own: each of up to {@code threads} workers is a task on the
 * executor that runs waiting work until there is none, then ends.
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

    /** How long a caller waits for its result when the pool is sized to the machine. */
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

    private final Executor executor;
    private final int threads;
    private final int queueSize;
    private final Duration maxWait;
    private final Runnable onRejection;

    private final Object lock = new Object();
    private final Queue<FutureTask<?>> waiting = new ArrayDeque<>();
    private int workers;
    private int running;
    private boolean shutDown;

    /** A moving average of how long a task runs, in nanoseconds (0 until one has run). */
    private final AtomicLong averageNanos = new AtomicLong();

    /**
     * A pool that runs at most {@code threads} tasks at once on {@code executor}, queues at most
     * {@code queueSize} more, lets a caller wait at most {@code maxWait}, and calls
     * {@code onRejection} (on the caller's thread) for each task it refuses.
     */
    public HashingPool(Executor executor, int threads, int queueSize, Duration maxWait, Runnable onRejection) {
        this.executor = executor;
        this.threads = threads;
        this.queueSize = queueSize;
        this.maxWait = maxWait;
        this.onRejection = onRejection;
    }

    /**
     * A pool on {@code executor} running one task per available processor, with a queue of four
     * tasks per processor and a wait of {@link #DEFAULT_MAX_WAIT}, calling {@code onRejection} for
     * each task refused.
     */
    public static HashingPool sizedToMachine(Executor executor, Runnable onRejection) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new HashingPool(executor, cores, 4 * cores, DEFAULT_MAX_WAIT, onRejection);
    }

    /** Tasks waiting for a worker now. */
    public int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** Tasks running now. */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /**
     * Runs {@code work} on the executor and waits for its result; a {@link RuntimeException} or
     * {@link Error} it throws is rethrown unchanged.
     *
     * @throws MatrixException 429 {@code M_LIMIT_EXCEEDED} with {@code retry_after_ms} when the
     *         queue is full, the executor refuses the work, the pool is shut down, or the result
     *         takes longer than the bounded wait
     */
    public <T> T run(Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(() -> timed(work));
        if (!admit(task)) {
            throw refusal("The server is busy; try again shortly");
        }
        try {
            return task.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException | CancellationException e) {
            abandon(task);
            throw refusal("The server is busy; the password could not be checked in time");
        } catch (InterruptedException e) {
            abandon(task);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for password hashing", e);
        }
    }

    /** Queues {@code task} and starts a worker for it if fewer than {@code threads} are at work. */
    private boolean admit(FutureTask<?> task) {
        synchronized (lock) {
            if (shutDown || (workers >= threads && waiting.size() >= queueSize)) {
                return false;
            }
            waiting.add(task);
            if (workers >= threads) {
                return true;
            }
            workers++;
        }
        try {
            executor.execute(this::work);
            return true;
        } catch (RejectedExecutionException refused) {
            synchronized (lock) {
                workers--;
                waiting.remove(task);
            }
            return false;
        }
    }

    /** A worker: runs waiting tasks until there are none. */
    private void work() {
        while (true) {
            FutureTask<?> next;
            synchronized (lock) {
                next = waiting.poll();
                if (next == null) {
                    workers--;
                    return;
                }
                running++;
            }
            try {
                next.run();
            } finally {
                synchronized (lock) {
                    running--;
                }
            }
        }
    }

    /** Takes a task its caller no longer waits for out of the queue, or stops it if it runs. */
    private void abandon(FutureTask<?> task) {
        synchronized (lock) {
            waiting.remove(task);
        }
        task.cancel(true);
    }

    private MatrixException refusal(String message) {
        onRejection.run();
        int accepted;
        synchronized (lock) {
            accepted = waiting.size() + running;
        }
        return new MatrixException(429, ErrCode.M_LIMIT_EXCEEDED, message,
                Map.of("retry_after_ms", retryAfterMs(accepted, threads, averageNanos.get())));
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

    /** Refuses later work and drops the work still waiting (the executor is the container's to stop). */
    public void shutdown() {
        synchronized (lock) {
            shutDown = true;
            waiting.forEach(task -> task.cancel(true));
            waiting.clear();
        }
    }
}
