package org.gatehouse.cluster;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.Accounts.LOGOUT;
import static org.gatehouse.testing.Accounts.LOGOUT_ALL;
import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.REGISTER;
import static org.gatehouse.testing.Accounts.dummyAuth;
import static org.gatehouse.testing.Accounts.passwordLogin;
import static org.gatehouse.testing.Accounts.registration;
import static org.gatehouse.testing.Accounts.withAuth;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.MatrixHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two real Gatehouse processes (WildFly, or Payara Micro under {@code -Ppayara}) on loopback ports,
 * one PostgreSQL and HAProxy in front, started by {@code src/test/cluster/cluster.sh} with
 * {@code gatehouse.cluster.enabled=true}: whatever node a request reaches, tokens, revocations, UIA
 * sessions, refreshes, login tokens and the failed-password limit behave as on one node, and a
 * node killed with {@code kill -9} neither disturbs the other nor misses anything once restarted.
 * Runs with {@code -Ppostgres} only.
 */
@EnabledIfSystemProperty(named = "gatehouse.db", matches = "postgres")
class ClusterIT {

    /** The bound stated in docs/cluster.md for a revocation on one node to reach the other. */
    static final long REVOCATION_BOUND_MS = 250;

    /** Failed-password bucket of the cluster test: 3 tries, practically no refill during a test. */
    private static final int FAILED_ATTEMPTS_BURST = 3;

    private static ClusterProcesses cluster;
    private static MatrixHttp a;
    private static MatrixHttp b;
    private static MatrixHttp proxy;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterProcesses.fromSystemProperties("cluster-it", String.join(" ",
                "-Dgatehouse.rate-limits.registration.burst=100000",
                "-Dgatehouse.rate-limits.unauthenticated-sessions.burst=100000",
                "-Dgatehouse.rate-limits.login.address.burst=100000",
                "-Dgatehouse.rate-limits.login.account.burst=100000",
                "-Dgatehouse.rate-limits.login-token.burst=100000",
                "-Dgatehouse.rate-limits.login.failed-attempts.burst=" + FAILED_ATTEMPTS_BURST,
                "-Dgatehouse.rate-limits.login.failed-attempts.per-second=0.0001",
                // the secret TokenAdminClient makes admins with (the last -D of a name wins)
                "-Dgatehouse.registration.shared-secret=it-shared-secret"));
        cluster.run("up");
        a = new MatrixHttp(new URL(cluster.nodeUrl("a")));
        b = new MatrixHttp(new URL(cluster.nodeUrl("b")));
        proxy = new MatrixHttp(new URL(cluster.proxyUrl()));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.run("down");
        }
    }

    @Test
    void tokenFromALoginOnAWorksOnB() {
        Account account = new Accounts(a).login(new Accounts(a).register());
        new Accounts(b).assertTokenWorks(account);
        new Accounts(proxy).assertTokenWorks(account);
    }

    @Test
    void logoutOnAIsRefusedOnBAtOnce() {
        assertRevokedOnB("logout", account -> assertEquals(200, a.post(LOGOUT, empty(), account.accessToken()).status()));
    }

    @Test
    void logoutAllOnAIsRefusedOnBAtOnce() {
        assertRevokedOnB("logout/all", account -> assertEquals(200, a.post(LOGOUT_ALL, empty(), account.accessToken()).status()));
    }

    @Test
    void deviceDeletedOnAIsRefusedOnBAtOnce() {
        assertRevokedOnB("device deletion", account -> {
            Account other = new Accounts(a).login(account);
            String path = "/_matrix/client/v3/devices/" + account.deviceId();
            String session = a.send(deleteWithBody(a, path, empty(), other.accessToken())).string("session");
            JsonObject withPassword = withAuth(empty(), auth(account, session));
            MatrixHttp.Reply deleted = a.send(deleteWithBody(a, path, withPassword, other.accessToken()));
            assertEquals(200, deleted.status(), deleted::text);
        });
    }

    @Test
    void passwordChangeOnAWithLogoutDevicesIsRefusedOnBAtOnce() {
        assertRevokedOnB("password change", account -> {
            Account asking = new Accounts(a).login(account);
            JsonObject body = Json.createObjectBuilder().add("new_password", PASSWORD + " changed")
                    .add("logout_devices", true).build();
            String path = "/_matrix/client/v3/account/password";
            String session = a.post(path, body, asking.accessToken()).string("session");
            MatrixHttp.Reply changed = a.post(path, withAuth(body, auth(account, session)), asking.accessToken());
            assertEquals(200, changed.status(), changed::text);
        });
    }

    @Test
    void deactivationOnAIsRefusedOnBAtOnce() {
        assertRevokedOnB("deactivation", account -> {
            String path = "/_matrix/client/v3/account/deactivate";
            String session = a.post(path, empty(), account.accessToken()).string("session");
            MatrixHttp.Reply deactivated = a.post(path, withAuth(empty(), auth(account, session)), account.accessToken());
            assertEquals(200, deactivated.status(), deactivated::text);
        });
    }

    @Test
    void lockOnAIsRefusedOnBAtOnce() {
        String adminToken = new TokenAdminClient(a).newUser(true);
        Account account = new Accounts(a).login(new Accounts(a).register());
        Accounts onB = new Accounts(b);
        onB.assertTokenWorks(account);
        onB.assertTokenWorks(account);
        String path = "/_matrix/client/v1/admin/lock/" + URLEncoder.encode(account.userId(), StandardCharsets.UTF_8);
        MatrixHttp.Reply locked = a.send(HttpRequest.newBuilder(a.uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("locked", true).build().toString())));
        assertEquals(200, locked.status(), locked::text);
        // spec, "Account locking": a locked account's requests are 401 M_USER_LOCKED with soft_logout true
        awaitRefused(b, account.accessToken(), "lock", "M_USER_LOCKED", true);
    }

    @Test
    void registrationStartedOnACompletesOnB() {
        String localpart = Accounts.randomLocalpart("uia");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = new Accounts(a).startRegistration(body);
        MatrixHttp.Reply done = b.post(REGISTER, withAuth(body, dummyAuth(session)));
        assertEquals(200, done.status(), done::text);
        assertEquals(Accounts.userId(localpart), done.string("user_id"));
        new Accounts(a).assertTokenWorks(new Account(localpart, done.string("user_id"), PASSWORD,
                done.string("access_token"), done.string("device_id")));
    }

    @Test
    void refreshRetriedOnBAfterAAnsweredGetsTheSamePair() {
        Account account = new Accounts(a).register();
        JsonObject login = passwordLogin(account.localpart(), PASSWORD).add("refresh_token", true).build();
        String refreshToken = a.post(LOGIN, login).string("refresh_token");
        JsonObject refresh = Json.createObjectBuilder().add("refresh_token", refreshToken).build();
        MatrixHttp.Reply first = a.post("/_matrix/client/v3/refresh", refresh);
        MatrixHttp.Reply retried = b.post("/_matrix/client/v3/refresh", refresh);
        assertEquals(200, first.status(), first::text);
        assertEquals(200, retried.status(), retried::text);
        assertEquals(first.string("access_token"), retried.string("access_token"));
        assertEquals(first.string("refresh_token"), retried.string("refresh_token"));
    }

    @Test
    void loginTokenMadeOnAWorksOnB() {
        Account account = new Accounts(a).register();
        String path = "/_matrix/client/v1/login/get_token";
        String session = a.post(path, empty(), account.accessToken()).string("session");
        MatrixHttp.Reply issued = a.post(path, withAuth(empty(), auth(account, session)), account.accessToken());
        assertEquals(200, issued.status(), issued::text);
        MatrixHttp.Reply login = b.post(LOGIN, Json.createObjectBuilder().add("type", "m.login.token")
                .add("token", issued.string("login_token")).build());
        assertEquals(200, login.status(), login::text);
        assertEquals(account.userId(), login.string("user_id"));
    }

    @Test
    void failedPasswordsSpreadOverBothNodesHitTheOneAccountLimit() {
        Account account = new Accounts(a).register();
        Map<Integer, Integer> answers = new TreeMap<>();
        for (int attempt = 0; attempt < 10; attempt++) {
            MatrixHttp node = attempt % 2 == 0 ? a : b;
            MatrixHttp.Reply reply = node.post(LOGIN, passwordLogin(account.localpart(), "wrong password " + attempt).build());
            answers.merge(reply.status(), 1, Integer::sum);
        }
        assertEquals(Map.of(403, FAILED_ATTEMPTS_BURST, 429, 10 - FAILED_ATTEMPTS_BURST), answers,
                "as on one node: the first " + FAILED_ATTEMPTS_BURST + " wrong passwords are checked, the rest limited");
        assertError(b.post(LOGIN, passwordLogin(account.localpart(), PASSWORD).build()), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }

    @Test
    void nodeKilledMidLoadLeavesTheOtherServingAndRejoinsAfterRestart() throws Exception {
        Account account = new Accounts(b).login(new Accounts(b).register());
        AtomicBoolean loading = new AtomicBoolean(true);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int[] served = new int[1];
        Thread load = new Thread(() -> {
            while (loading.get()) {
                MatrixHttp.Reply reply = b.get(Accounts.WHOAMI, account.accessToken());
                if (reply.status() != 200) {
                    failures.add(reply.status() + " " + reply.text());
                }
                served[0]++;
            }
        });
        load.start();
        Thread.sleep(1_000);
        cluster.run("kill", "a");
        for (int i = 0; i < 20; i++) {
            new Accounts(proxy).assertTokenWorks(account);
        }
        Thread.sleep(1_000);
        loading.set(false);
        load.join();
        assertEquals(List.of(), failures, "node b answered every request while a was killed");
        assertTrue(served[0] > 0);

        cluster.run("start", "a");
        new Accounts(a).assertTokenWorks(account);
        Account again = new Accounts(b).login(account);
        new Accounts(a).assertTokenWorks(again);
        assertEquals(200, b.post(LOGOUT, empty(), again.accessToken()).status());
        awaitRevoked(a, again.accessToken(), "logout on b seen by the restarted a");
    }

    /**
     * Makes node b cache a fresh session's token, revokes it on node a with {@code revoke}, then
     * asserts that b refuses it within {@link #REVOCATION_BOUND_MS} of a's answer.
     */
    private static void assertRevokedOnB(String what, Consumer<Account> revoke) {
        Account account = new Accounts(a).login(new Accounts(a).register());
        Accounts onB = new Accounts(b);
        onB.assertTokenWorks(account);
        onB.assertTokenWorks(account);
        revoke.accept(account);
        awaitRevoked(b, account.accessToken(), what);
    }

    private static void awaitRevoked(MatrixHttp node, String accessToken, String what) {
        awaitRefused(node, accessToken, what, "M_UNKNOWN_TOKEN", false);
    }

    /**
     * Sends whoami with {@code accessToken} to {@code node} until it is refused or
     * {@link #REVOCATION_BOUND_MS} have passed, then asserts 401 {@code errcode} with {@code soft_logout}.
     */
    private static void awaitRefused(MatrixHttp node, String accessToken, String what, String errcode, boolean softLogout) {
        long answeredAt = System.nanoTime();
        int tries = 0;
        MatrixHttp.Reply reply;
        do {
            reply = node.get(Accounts.WHOAMI, accessToken);
            tries++;
        } while (reply.status() == 200 && System.nanoTime() - answeredAt < REVOCATION_BOUND_MS * 1_000_000);
        long waitedMs = (System.nanoTime() - answeredAt) / 1_000_000;
        System.out.printf("cluster: %s refused by the other node after %d ms, whoami %d time(s)%n", what, waitedMs, tries);
        JsonObject body = assertError(reply, 401, errcode, "soft_logout");
        assertEquals(softLogout, body.getBoolean("soft_logout"));
    }

    private static JsonObject empty() {
        return Json.createObjectBuilder().build();
    }

    private static JsonObject auth(Account account, String session) {
        return Json.createObjectBuilder().add("type", "m.login.password").add("session", session)
                .add("identifier", Json.createObjectBuilder().add("type", "m.id.user").add("user", account.localpart()))
                .add("password", account.password()).build();
    }

    private static HttpRequest.Builder deleteWithBody(MatrixHttp node, String path, JsonObject body, String token) {
        return HttpRequest.newBuilder(node.uri(path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body.toString()));
    }
}
