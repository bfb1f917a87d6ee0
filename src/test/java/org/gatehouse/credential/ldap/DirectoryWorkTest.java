package org.gatehouse.credential.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.gatehouse.credential.ldap.DirectoryAnswer.Kind;
import org.junit.jupiter.api.Test;

/** The bounded pool keeps a hanging directory from holding request threads. */
class DirectoryWorkTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void anAnswerInTimeIsReturned() {
        DirectoryWork work = new DirectoryWork(executor, 1, 1, 1000);

        assertEquals(Kind.UNKNOWN, work.run(DirectoryAnswer::unknown).kind());
    }

    @Test
    void anOperationPastTheWaitIsUnavailable() {
        DirectoryWork work = new DirectoryWork(executor, 1, 1, 100);
        CountDownLatch never = new CountDownLatch(1);
        try {
            DirectoryAnswer answer = work.run(() -> {
                try {
                    never.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DirectoryAnswer.unknown();
            });
            assertEquals(Kind.UNAVAILABLE, answer.kind());
            assertEquals("directory_timeout", answer.reason());
        } finally {
            never.countDown();
        }
    }

    @Test
    void aQueuedOperationWaitsForARunningOne() throws Exception {
        DirectoryWork work = new DirectoryWork(executor, 1, 1, 5000);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean firstDone = new java.util.concurrent.atomic.AtomicBoolean();
        Thread holder = new Thread(() -> work.run(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            firstDone.set(true);
            return DirectoryAnswer.unknown();
        }));
        holder.start();
        started.await(5, TimeUnit.SECONDS);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        DirectoryAnswer second = work.run(() -> {
            overlapped.set(!firstDone.get());
            return DirectoryAnswer.unknown();
        });
        holder.join();
        releaser.join();
        assertEquals(Kind.UNKNOWN, second.kind());
        assertEquals(false, overlapped.get());
    }

    @Test
    void aFullQueueIsUnavailableAtOnce() throws Exception {
        DirectoryWork work = new DirectoryWork(executor, 1, 0, 5000);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> work.run(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DirectoryAnswer.unknown();
        }));
        holder.start();
        try {
            started.await(5, TimeUnit.SECONDS);
            long before = System.nanoTime();
            DirectoryAnswer answer = work.run(DirectoryAnswer::unknown);
            assertEquals("directory_busy", answer.reason());
            assertEquals(true, System.nanoTime() - before < TimeUnit.SECONDS.toNanos(1));
        } finally {
            release.countDown();
            holder.join();
        }
    }
}
