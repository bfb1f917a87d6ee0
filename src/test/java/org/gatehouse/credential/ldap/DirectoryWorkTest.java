package org.gatehouse.credential.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gatehouse.credential.ldap.DirectoryAnswer.Kind;
import org.junit.jupiter.api.Test;

/** The bounded pool keeps a hanging directory from holding request threads. */
class DirectoryWorkTest {

    @Test
    void anAnswerInTimeIsReturned() {
        DirectoryWork work = new DirectoryWork(1, 1, 1000);
        try {
            assertEquals(Kind.UNKNOWN, work.run(DirectoryAnswer::unknown).kind());
        } finally {
            work.shutdown();
        }
    }

    @Test
    void anOperationPastTheWaitIsUnavailable() {
        DirectoryWork work = new DirectoryWork(1, 1, 100);
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
            work.shutdown();
        }
    }

    @Test
    void aFullQueueIsUnavailableAtOnce() throws Exception {
        DirectoryWork work = new DirectoryWork(1, 0, 5000);
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
            work.shutdown();
        }
    }
}
