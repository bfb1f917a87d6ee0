package org.gatehouse.ratelimit;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.passwordLogin;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpRequest;
import java.util.Map;
import org.gatehouse.testing.Accounts;
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
 * Without {@code gatehouse.http.trusted-proxies}, {@code X-Forwarded-For} is ignored: a client
 * cannot escape the per-address login limit by naming other addresses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UntrustedForwardedForIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of(
                "gatehouse.rate-limits.enabled", "true",
                "gatehouse.rate-limits.login.address.per-second", "0.001",
                "gatehouse.rate-limits.login.address.burst", "2"));
    }

    @ArquillianResource
    private URL base;

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        MatrixHttp http = new MatrixHttp(base);
        assertEquals(403, login(http, "203.0.113.1").status());
        assertEquals(403, login(http, "203.0.113.2").status());

        MatrixHttp.Reply limited = login(http, "203.0.113.3");

        assertError(limited, 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }

    private static MatrixHttp.Reply login(MatrixHttp http, String forwardedFor) {
        return http.send(HttpRequest.newBuilder(http.uri(LOGIN))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(
                        passwordLogin(Accounts.randomLocalpart("nobody"), PASSWORD).build().toString())));
    }
}
