package org.gatehouse.credential.ldap;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool that runs directory operations: {@code threads} at once and {@code queueSize}
 * waiting. A caller waits at most {@code waitMillis}; when the queue is full or the wait is over,
 * the answer is {@link DirectoryAnswer.Kind#UNAVAILABLE} at once. So a slow or hanging directory
 * holds at most this pool's threads, never the server's request threads beyond the wait.
 */
final class DirectoryWork {

    private final ThreadPoolExecutor executor;
    private final long waitMillis;

    DirectoryWork(int threads, int queueSize, long waitMillis) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                queueSize == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queueSize),
                work -> {
                    Thread thread = new Thread(work, "gatehouse-ldap-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
        this.waitMillis = waitMillis;
    }

    /** Runs {@code operation} on the pool and waits for its answer, or answers unavailable. */
    DirectoryAnswer run(Supplier<DirectoryAnswer> operation) {
        Future<DirectoryAnswer> answer;
        try {
            answer = executor.submit(operation::get);
        } catch (RejectedExecutionException e) {
            return DirectoryAnswer.unavailable("directory_busy");
        }
        try {
            return answer.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return DirectoryAnswer.unavailable("directory_timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return DirectoryAnswer.unavailable("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("directory operation failed", e.getCause());
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
