package org.gatehouse.appservice;

import static org.gatehouse.appservice.AppServiceFixture.BRIDGE;
import static org.gatehouse.appservice.AppServiceFixture.OTHER;
import static org.gatehouse.appservice.AppServiceFixture.appServiceLogin;
import static org.gatehouse.appservice.AppServiceFixture.REGISTER;
import static org.gatehouse.appservice.AppServiceFixture.register;
import static org.gatehouse.appservice.AppServiceFixture.registration;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Rate limits and application services (registration {@code rate_limited}): {@code bridge}
 * ({@code rate_limited: false}) passes the per-address and per-account buckets, never
 * {@code login.failed-attempts}; {@code other} is limited like anyone. Public registration is off
 * here, which application services do not need. Buckets hold two tokens and refill once in
 * 1000 s, so no test waits and every assertion holds whatever ran before.
 */
class AppServiceLimitsIT extends ClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(AppServiceFixture.settings(AppServiceLimitsIT.class, Map.ofEntries(
                Map.entry("gatehouse.registration.enabled", "false"),
                Map.entry("gatehouse.rate-limits.enabled", "true"),
                Map.entry("gatehouse.rate-limits.registration.per-second", "0.001"),
                Map.entry("gatehouse.rate-limits.registration.burst", "2"),
                Map.entry("gatehouse.rate-limits.login.address.per-second", "0.001"),
                Map.entry("gatehouse.rate-limits.login.address.burst", "2"),
                Map.entry("gatehouse.rate-limits.login.account.per-second", "0.001"),
                Map.entry("gatehouse.rate-limits.login.account.burst", "2"),
                Map.entry("gatehouse.rate-limits.login.failed-attempts.per-second", "0.001"),
                Map.entry("gatehouse.rate-limits.login.failed-attempts.burst", "2"))));
    }

    /** A new user made through shared-secret registration, which no limit applies to; its user ID. */
    private String human() {
        return http.get(Accounts.WHOAMI, new TokenAdminClient(http).newUser(false)).string("user_id");
    }

    @Test
    void anUnlimitedServiceRegistersPastTheRegistrationLimitWhilePublicRegistrationIsOff() {
        for (int i = 0; i < 5; i++) {
            register(http, BRIDGE, Accounts.randomLocalpart("_bridge_many"));
        }
        assertError(http.get("/_matrix/client/v3/register/available?username=" + Accounts.randomLocalpart("human")),
                403, "M_FORBIDDEN");
    }

    @Test
    void aRateLimitedServiceMeetsTheRegistrationLimit() {
        MatrixHttp.Reply reply = null;
        for (int i = 0; i < 3; i++) {
            reply = http.post(REGISTER, registration(Accounts.randomLocalpart("_other_many")), OTHER.asToken());
            if (reply.status() == 429) {
                break;
            }
            assertEquals(200, reply.status(), reply::text);
        }
        assertError(reply, 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }

    /**
     * Only this test logs in without an unlimited service's token, so the address's bucket is full
     * when the human logs in unless the service's logins took from it.
     */
    @Test
    void anUnlimitedServiceLogsInPastTheAddressAndAccountLimitsWithoutTakingFromThem() {
        String localpart = Accounts.randomLocalpart("_bridge_logins");
        register(http, BRIDGE, localpart);
        for (int i = 0; i < 5; i++) {
            MatrixHttp.Reply reply = http.post(Accounts.LOGIN, appServiceLogin(localpart), BRIDGE.asToken());
            assertEquals(200, reply.status(), reply::text);
        }
        MatrixHttp.Reply human = http.post(Accounts.LOGIN, Accounts.passwordLogin(human(), Accounts.PASSWORD).build());
        assertEquals(200, human.status(), human::text);
    }

    @Test
    void failedPasswordAttemptsAreLimitedEvenForAnUnlimitedService() {
        String userId = human();
        JsonObject wrong = Accounts.passwordLogin(userId, "not the password").build();
        for (int i = 0; i < 2; i++) {
            assertError(http.post(Accounts.LOGIN, wrong, BRIDGE.asToken()), 403, "M_FORBIDDEN");
        }
        assertError(http.post(Accounts.LOGIN, Accounts.passwordLogin(userId, Accounts.PASSWORD).build(),
                BRIDGE.asToken()), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }
}
