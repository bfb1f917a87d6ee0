package org.gatehouse.infra.metrics;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse's figures on the server's own Prometheus endpoint (WildFly: the management
 * interface's {@code /metrics}; Payara: {@code /metrics}), read before and after known actions,
 * and as JSON for the admin console ({@code GET /_gatehouse/admin/v1/figures}).
 * Rate limits are on, with buckets large enough that only the limit under test refuses.
 */
class MetricsIT extends ClientIT {

    private static final String LOGINS = "gatehouse_logins_total";
    private static final String FIGURES = "/_gatehouse/admin/v1/figures";
    private static final String VALIDITY = "/_matrix/client/v1/register/m.login.registration_token/validity?token=abc";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of(
                "gatehouse.rate-limits.enabled", "true",
                "gatehouse.rate-limits.login.address.burst", "1000000",
                "gatehouse.rate-limits.login.account.burst", "1000000",
                "gatehouse.rate-limits.login.failed-attempts.burst", "1000000",
                "gatehouse.rate-limits.registration.burst", "1000000",
                "gatehouse.rate-limits.unauthenticated-sessions.burst", "1000000",
                "gatehouse.metrics.sessions-max-age-seconds", "1"));
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.read(base);
    }

    @Test
    void loginsAreCountedByTypeAndOutcomeAndRegistrationsByKind() {
        PrometheusScrape before = scrape();
        Account account = accounts.register();
        accounts.login(account);
        accounts.login(account);
        MatrixHttp.Reply wrong = http.post(Accounts.LOGIN, Accounts.passwordLogin(account.localpart(), "not the password").build());
        assertEquals(403, wrong.status(), wrong::text);
        MatrixHttp.Reply unknown = http.post(Accounts.LOGIN, Accounts.passwordLogin(Accounts.randomLocalpart("nobody"), "x").build());
        assertEquals(403, unknown.status(), unknown::text);
        PrometheusScrape after = scrape();

        assertEquals(2, delta(before, after, LOGINS, Map.of("method", "m.login.password", "outcome", "success")), after::text);
        assertEquals(1, delta(before, after, LOGINS, Map.of("method", "m.login.password", "outcome", "wrong_password")));
        assertEquals(1, delta(before, after, LOGINS, Map.of("method", "m.login.password", "outcome", "unknown_user")));
        assertEquals(1, delta(before, after, "gatehouse_registrations_total", Map.of("kind", "user")));
    }

    @Test
    void tokenChecksAreCountedByOutcomeWithTheCacheLookups() {
        Account account = accounts.register();
        PrometheusScrape before = scrape();
        for (int i = 0; i < 3; i++) {
            accounts.assertTokenWorks(account);
        }
        accounts.assertTokenRevoked("gha_notatokenthisserverissued_000000");
        PrometheusScrape after = scrape();

        assertEquals(3, delta(before, after, "gatehouse_token_checks_total", Map.of("outcome", "valid")), after::text);
        assertEquals(1, delta(before, after, "gatehouse_token_checks_total", Map.of("outcome", "invalid")));
        double hits = delta(before, after, "gatehouse_token_cache_lookups_total", Map.of("result", "hit"));
        double misses = delta(before, after, "gatehouse_token_cache_lookups_total", Map.of("result", "miss"));
        assertEquals(4, hits + misses, "every presented token is looked up once");
        assertTrue(misses >= 1, "the unknown token is a miss");
        double ratio = after.sum("gatehouse_token_cache_hit_ratio", Map.of());
        assertTrue(ratio > 0 && ratio < 1, "hit ratio " + ratio);
    }

    @Test
    void rateLimitRefusalsAreCountedByLimit() {
        PrometheusScrape before = scrape();
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            MatrixHttp.Reply reply = http.get(VALIDITY);
            if (reply.status() == 429) {
                refused++;
            } else {
                assertEquals(200, reply.status(), reply::text);
            }
        }
        PrometheusScrape after = scrape();
        assertTrue(refused >= 1, "a bucket of 5 refuses some of 12 quick requests");
        assertEquals(refused, delta(before, after, "gatehouse_rate_limited_total", Map.of("limit", "registration-token-validity")),
                after::text);
    }

    @Test
    void hashingPoolRefusalsAreCountedBesideItsQueue() {
        Account account = accounts.register();
        PrometheusScrape before = scrape();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String body = Accounts.passwordLogin(account.localpart(), "wrong password").build().toString();
        List<CompletableFuture<HttpResponse<String>>> storm = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            storm.add(client.sendAsync(HttpRequest.newBuilder(http.uri(Accounts.LOGIN)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long busy = storm.stream().map(CompletableFuture::join).filter(reply -> {
            assertTrue(reply.statusCode() == 403 || reply.statusCode() == 429, reply::body);
            return reply.statusCode() == 429;
        }).count();
        PrometheusScrape after = scrape();

        assertEquals(busy, delta(before, after, "gatehouse_hashing_rejections_total", Map.of()), after::text);
        assertEquals(48 - busy, delta(before, after, LOGINS, Map.of("outcome", "wrong_password")));
        assertFalse(after.matching("gatehouse_hashing_queue", Map.of()).isEmpty(), after::text);
        assertFalse(after.matching("gatehouse_hashing_running", Map.of()).isEmpty(), after::text);
    }

    @Test
    void activeSessionsAreCountedFromTheDatabase() throws InterruptedException {
        Account account = accounts.register();
        accounts.login(account);
        accounts.login(account);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double sessions;
        do {
            Thread.sleep(200);
            sessions = scrape().sum("gatehouse_active_sessions", Map.of());
        } while (!(sessions >= 3) && System.nanoTime() < deadline);
        assertTrue(sessions >= 3, "three sessions of this test are active, the figure says " + sessions);
    }

    @Test
    void theServersJvmAndDatasourceMetricsAreBesideThem() {
        accounts.register();
        PrometheusScrape scrape = scrape();
        assertTrue(scrape.hasSampleStartingWith("gatehouse_"), scrape::text);
        if (PrometheusScrape.onPayara()) {
            assertTrue(scrape.hasSampleStartingWith("memory_usedHeap_bytes"), scrape::text);
            assertTrue(scrape.hasSampleStartingWith("connection_pool_"), scrape::text);
        } else {
            assertTrue(scrape.hasSampleStartingWith("jvm_memory_used_bytes"), scrape::text);
            assertTrue(scrape.hasSampleStartingWith("datasources_pool_active_count"), scrape::text);
        }
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    @Test
    void theConsolesFiguresNeedAnAccessToken() {
        assertError(http.get(FIGURES), 401, "M_MISSING_TOKEN");
    }

    @Test
    void theConsolesFiguresAreRefusedToUsersWhoAreNotAdmins() {
        String plain = new TokenAdminClient(http).newUser(false);
        JsonObject body = assertError(http.get(FIGURES, plain), 403, "M_FORBIDDEN");
        assertEquals("You are not a server admin", body.getString("error"));
    }

    @Test
    void anAdminReadsEverySeriesOfTheConsolesFiguresWithItsLabels() {
        TokenAdminClient admins = new TokenAdminClient(http);
        String admin = admins.newUser(true);
        admins.newUser(false);
        MatrixHttp.Reply reply = http.get(FIGURES, admin);
        assertEquals(200, reply.status(), reply::text);
        JsonObject figures = reply.json();
        assertEquals(Set.of("published_through", "figures"), figures.keySet(), figures::toString);
        List<JsonObject> series = figures.getJsonArray("figures").getValuesAs(JsonObject.class);
        JsonObject registrations = series.stream()
                .filter(one -> one.getString("name").equals("gatehouse_registrations_total")
                        && one.getJsonObject("labels").getString("kind").equals("shared_secret"))
                .findFirst().orElseThrow(() -> new AssertionError(figures.toString()));
        assertTrue(registrations.getJsonNumber("value").doubleValue() >= 2, registrations::toString);
        assertTrue(series.stream().anyMatch(one -> one.getString("name").equals("gatehouse_hashing_queue")
                && one.getJsonObject("labels").equals(JsonValue.EMPTY_JSON_OBJECT)), figures::toString);
    }
}
