package org.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Requests sent from many threads released at the same instant, to race the server against itself. */
public final class Concurrently {

    private Concurrently() {
    }

    /** POSTs {@code body} to {@code path} from {@code clients} threads at once; the replies in no particular order. */
    public static List<MatrixHttp.Reply> post(MatrixHttp http, String path, JsonObject body, int clients)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<MatrixHttp.Reply> replies = new ArrayList<>();
        try {
            List<Future<MatrixHttp.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return http.post(path, body);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "clients did not get ready");
            start.countDown();
            for (Future<MatrixHttp.Reply> future : futures) {
                replies.add(future.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        return replies;
    }

    /** How many replies had each status and user ID (for 200) or body, for assertion messages. */
    public static String summary(List<MatrixHttp.Reply> replies) {
        return replies.stream()
                .map(reply -> reply.status() + " " + (reply.status() == 200 ? reply.string("user_id") : reply.text()))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())).toString();
    }

    /** Asserts that every reply is 200 and names the same user; returns that user ID. */
    public static String assertOneUserForAll(List<MatrixHttp.Reply> replies) {
        String summary = summary(replies);
        replies.forEach(reply -> assertEquals(200, reply.status(), summary));
        List<String> users = replies.stream().map(reply -> reply.string("user_id")).distinct().toList();
        assertEquals(1, users.size(), summary);
        return users.get(0);
    }
}
