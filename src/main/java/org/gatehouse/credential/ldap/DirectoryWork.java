package org.gatehouse.credential.ldap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bounded admission for directory operations, run on threads the container manages (its
 * {@code ManagedExecutorService}, given as an {@link Executor}): at most {@code threads} run at
 * once and at most {@code queueSize} more wait. A caller waits at most {@code waitMillis}; when the
 * admission is full or the wait is over, the answer is {@link DirectoryAnswer.Kind#UNAVAILABLE} at
 * once. So a slow or hanging directory holds at most {@code threads + queueSize} tasks, never the
 * server's request threads beyond the wait.
 */
final class DirectoryWork {

    private final Executor executor;
    private final Semaphore admitted;
    private final Semaphore running;
    private final long waitMillis;

    DirectoryWork(Executor executor, int threads, int queueSize, long waitMillis) {
        this.executor = executor;
        this.admitted = new Semaphore(threads + queueSize);
        this.running = new Semaphore(threads);
        this.waitMillis = waitMillis;
    }

    /** Runs {@code operation} on the executor and waits for its answer, or answers unavailable. */
    DirectoryAnswer run(Supplier<DirectoryAnswer> operation) {
        if (!admitted.tryAcquire()) {
            return DirectoryAnswer.unavailable("directory_busy");
        }
        CompletableFuture<DirectoryAnswer> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> runAdmitted(operation), executor);
        } catch (RejectedExecutionException e) {
            admitted.release();
            return DirectoryAnswer.unavailable("directory_busy");
        }
        try {
            return answer.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return DirectoryAnswer.unavailable("directory_timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DirectoryAnswer.unavailable("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("directory operation failed", e.getCause());
        }
    }

    private DirectoryAnswer runAdmitted(Supplier<DirectoryAnswer> operation) {
        try {
            running.acquire();
            try {
                return operation.get();
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DirectoryAnswer.unavailable("interrupted");
        } finally {
            admitted.release();
        }
    }
}
