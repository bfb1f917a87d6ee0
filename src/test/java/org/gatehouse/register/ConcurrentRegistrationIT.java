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

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Concurrently;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Concurrent registrations: of one username the database decides and exactly one wins; of one
 * User-Interactive Authentication session exactly one account is made and every request is told
 * its user ID.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrentRegistrationIT {

    private static final int CLIENTS = 50;
    private static final int RESUBMISSIONS = 20;

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

        List<MatrixHttp.Reply> replies = Concurrently.post(http, REGISTER, body, CLIENTS);

        String statuses = Concurrently.summary(replies);
        List<MatrixHttp.Reply> created = replies.stream().filter(reply -> reply.status() == 200).toList();
        List<MatrixHttp.Reply> refused = replies.stream().filter(reply -> reply.status() != 200).toList();
        assertEquals(1, created.size(), statuses);
        assertEquals(userId(localpart), created.get(0).string("user_id"));
        assertEquals(CLIENTS - 1, refused.size(), statuses);
        refused.forEach(ConcurrentRegistrationIT::assertTakenOrBusy);
    }

    /**
     * A losing registration is told the name is taken, or, when it arrived while the hashing pool
     * was full (each request's password is hashed when it arrives, and 50 arrive at once on a
     * small machine), to retry later.
     */
    private static void assertTakenOrBusy(MatrixHttp.Reply reply) {
        if (reply.status() == 429) {
            assertError(reply, 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
        } else {
            assertError(reply, 400, "M_USER_IN_USE");
        }
    }

    @Test
    void parallelSubmissionsOfOneSessionWithoutUsernameMakeOneAccount() throws Exception {
        MatrixHttp http = new MatrixHttp(base);
        JsonObject body = Json.createObjectBuilder().add("password", PASSWORD).build();
        String session = new Accounts(http).startRegistration(body);

        List<MatrixHttp.Reply> replies = Concurrently.post(http, REGISTER, withAuth(body, dummyAuth(session)), RESUBMISSIONS);

        Concurrently.assertOneUserForAll(replies);
    }

    @Test
    void parallelSubmissionsOfOneSessionWithUsernameAllAnswerItsUserId() throws Exception {
        MatrixHttp http = new MatrixHttp(base);
        String localpart = randomLocalpart("session");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = new Accounts(http).startRegistration(body);

        List<MatrixHttp.Reply> replies = Concurrently.post(http, REGISTER, withAuth(body, dummyAuth(session)), RESUBMISSIONS);

        assertEquals(userId(localpart), Concurrently.assertOneUserForAll(replies));
    }
}
