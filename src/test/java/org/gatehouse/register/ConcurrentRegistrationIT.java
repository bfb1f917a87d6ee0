package org.gatehouse.register;

import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.REGISTER;
import static org.gatehouse.testing.Accounts.dummyAuth;
import static org.gatehouse.testing.Accounts.randomLocalpart;
import static org.gatehouse.testing.Accounts.registration;
import static org.gatehouse.testing.Accounts.userId;
import static org.gatehouse.testing.Accounts.withAuth;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Concurrent registrations of one username: the database decides, exactly one wins. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrentRegistrationIT {

    private static final int CLIENTS = 50;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void concurrentRegistrationsOfOneUsernameCreateExactlyOneAccount() throws Exception {
        MatrixHttp http = new MatrixHttp(base);
        String localpart = randomLocalpart("race");
        JsonObject body = withAuth(registration(localpart, PASSWORD).build(), dummyAuth(null));
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<MatrixHttp.Reply> replies = new ArrayList<>();
        try {
            List<Future<MatrixHttp.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return http.post(REGISTER, body);
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

        String statuses = replies.stream().map(reply -> reply.status() + " " + reply.text())
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())).toString();
        List<MatrixHttp.Reply> created = replies.stream().filter(reply -> reply.status() == 200).toList();
        List<MatrixHttp.Reply> refused = replies.stream().filter(reply -> reply.status() != 200).toList();
        assertEquals(1, created.size(), statuses);
        assertEquals(userId(localpart), created.get(0).string("user_id"));
        assertEquals(CLIENTS - 1, refused.size(), statuses);
        refused.forEach(reply -> assertError(reply, 400, "M_USER_IN_USE"));
    }
}
