package org.gatehouse.ratelimit;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.REGISTER;
import static org.gatehouse.testing.Accounts.passwordLogin;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.AdjustableClock;
import org.gatehouse.testing.AdjustableClockResource;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Each rate limit driven to 429 {@code M_LIMIT_EXCEEDED} and back (spec: "Rate limiting"), with
 * small limits (one token every 10 s) and a clock the test moves instead of sleeping. The test
 * client is a trusted proxy here, so each test names its own client address in
 * {@code X-Forwarded-For} and tests never share a bucket.
 */
class RateLimitIT extends ClientIT {

    private static final String EXEMPT = "rl-exempt";
    private static final String AVAILABLE = "/_matrix/client/v3/register/available?username=";
    private static final String VALIDITY = "/_matrix/client/v1/register/m.login.registration_token/validity?token=";
    private static final String GET_TOKEN = "/_matrix/client/v1/login/get_token";
    private static final String NONCE = "/_synapse/admin/v1/register";
    private static final String TOKEN_STAGE = "m.login.registration_token";
    private static final String TOKEN_FALLBACK = "/_matrix/client/v3/auth/" + TOKEN_STAGE + "/fallback/web?session=";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.ofEntries(
                        Map.entry("gatehouse.rate-limits.enabled", "true"),
                        Map.entry("gatehouse.http.trusted-proxies", thisMachinesAddresses()),
                        Map.entry("gatehouse.rate-limits.login.address.per-second", "0.1"),
                        Map.entry("gatehouse.rate-limits.login.address.burst", "3"),
                        Map.entry("gatehouse.rate-limits.login.account.per-second", "0.1"),
                        Map.entry("gatehouse.rate-limits.login.account.burst", "2"),
                        Map.entry("gatehouse.rate-limits.login.failed-attempts.per-second", "0.1"),
                        Map.entry("gatehouse.rate-limits.login.failed-attempts.burst", "2"),
                        Map.entry("gatehouse.rate-limits.registration.per-second", "0.1"),
                        Map.entry("gatehouse.rate-limits.registration.burst", "2"),
                        Map.entry("gatehouse.rate-limits.registration-token-validity.per-second", "0.1"),
                        Map.entry("gatehouse.rate-limits.registration-token-validity.burst", "2"),
                        Map.entry("gatehouse.rate-limits.registration-token.session-failures.burst", "3"),
                        Map.entry("gatehouse.rate-limits.unauthenticated-sessions.per-second", "0.1"),
                        Map.entry("gatehouse.rate-limits.unauthenticated-sessions.burst", "2"),
                        Map.entry("gatehouse.registration.flows", "m.login.dummy;" + TOKEN_STAGE),
                        Map.entry("gatehouse.rate-limits.exempt-users", Accounts.userId(EXEMPT))))
                .addClasses(AdjustableClock.class, AdjustableClockResource.class);
    }

    /**
     * Every address of this machine, trusted as a proxy: the tests stand in for a proxy, and the
     * server may see them come from loopback or (on Payara, whose URL uses the host's address) from
     * the machine's own address.
     */
    private static String thisMachinesAddresses() {
        try {
            return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                    .filter(address -> !address.isLinkLocalAddress())
                    .map(address -> address.getHostAddress().replaceAll("%.*$", ""))
                    .collect(java.util.stream.Collectors.joining(","));
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loginsFromOneAddressAreLimitedAndAllowedAgainLater() {
        String address = randomAddress();
        for (int i = 0; i < 3; i++) {
            assertEquals(403, login(address, Accounts.randomLocalpart("nobody"), PASSWORD).status());
        }
        MatrixHttp.Reply limited = login(address, Accounts.randomLocalpart("nobody"), PASSWORD);
        assertLimited(limited, 10_000);

        advance(Duration.ofSeconds(10));
        assertEquals(403, login(address, Accounts.randomLocalpart("nobody"), PASSWORD).status());
    }

    @Test
    void failedAttemptsOnOneAccountAreLimitedEvenWithTheRightPassword() {
        Accounts.Account account = register();
        assertEquals(403, login(randomAddress(), account.localpart(), "wrong password 1").status());
        assertEquals(403, login(randomAddress(), account.localpart(), "wrong password 2").status());

        assertLimited(login(randomAddress(), account.localpart(), PASSWORD), 10_000);

        advance(Duration.ofSeconds(10));
        assertEquals(200, login(randomAddress(), account.localpart(), PASSWORD).status());
    }

    @Test
    void successfulLoginsOfOneAccountAreLimited() {
        Accounts.Account account = register();
        assertEquals(200, login(randomAddress(), account.localpart(), PASSWORD).status());
        assertEquals(200, login(randomAddress(), account.localpart(), PASSWORD).status());

        assertLimited(login(randomAddress(), account.localpart(), PASSWORD), 10_000);

        advance(Duration.ofSeconds(10));
        assertEquals(200, login(randomAddress(), account.localpart(), PASSWORD).status());
    }

    @Test
    void failedPasswordStagesOfUserInteractiveAuthCountAsFailedAttempts() {
        Accounts.Account account = register();
        String session = getToken(account, null).string("session");
        assertEquals(401, getToken(account, passwordAuth(account, "wrong 1", session)).status());
        assertEquals(401, getToken(account, passwordAuth(account, "wrong 2", session)).status());

        assertLimited(getToken(account, passwordAuth(account, PASSWORD, session)), 10_000);

        advance(Duration.ofSeconds(10));
        assertEquals(200, getToken(account, passwordAuth(account, PASSWORD, session)).status());
    }

    @Test
    void loginTokensAreLimitedToOneAMinutePerUser() {
        Accounts.Account account = register();
        assertEquals(200, obtainLoginToken(account).status());

        assertLimited(getToken(account, null), 60_000);

        advance(Duration.ofSeconds(60));
        assertEquals(200, obtainLoginToken(account).status());
    }

    @Test
    void registrationsFromOneAddressAreLimited() {
        advance(Duration.ofHours(1));
        String address = randomAddress();
        registerFrom(address);
        registerFrom(address);

        MatrixHttp.Reply limited = post(REGISTER, Accounts.registration(Accounts.randomLocalpart("rl"), PASSWORD).build(),
                address, null);
        assertLimited(limited, 10_000);

        advance(Duration.ofSeconds(10));
        registerFrom(address);
    }

    @Test
    void usernameAvailabilityChecksFromOneAddressAreLimited() {
        String address = randomAddress();
        assertEquals(200, available(address).status());
        assertEquals(200, available(address).status());

        assertLimited(available(address), 10_000);

        advance(Duration.ofSeconds(10));
        assertEquals(200, available(address).status());
    }

    @Test
    void registrationTokenValidityChecksFromOneAddressAreLimited() {
        String address = randomAddress();
        assertEquals(200, validity(address).status());
        assertEquals(200, validity(address).status());

        assertLimited(validity(address), 10_000);

        advance(Duration.ofSeconds(10));
        assertEquals(200, validity(address).status());
    }

    @Test
    void anExemptUsersOwnRequestsAreNotLimited() {
        Accounts.Account exempt = ensureExemptUser();
        assertEquals(200, obtainLoginToken(exempt).status());
        assertEquals(200, obtainLoginToken(exempt).status());
    }

    @Test
    void anExemptUsersFailedPasswordsAreLimitedLikeAnybodys() {
        ensureExemptUser();
        assertEquals(403, login(randomAddress(), EXEMPT, "wrong password 1").status());
        assertEquals(403, login(randomAddress(), EXEMPT, "wrong password 2").status());

        assertLimited(login(randomAddress(), EXEMPT, PASSWORD), 10_000);
    }

    @Test
    void anAdminsOwnRequestsAreNotLimited() throws Exception {
        Accounts.Account admin = registerAdmin();
        assertEquals(200, obtainLoginToken(admin).status());
        assertEquals(200, obtainLoginToken(admin).status());
    }

    @Test
    void anAdminsFailedLoginsAreLimitedLikeAnybodys() throws Exception {
        Accounts.Account admin = registerAdmin();
        assertEquals(403, login(randomAddress(), admin.localpart(), "wrong password 1").status());
        assertEquals(403, login(randomAddress(), admin.localpart(), "wrong password 2").status());

        assertLimited(login(randomAddress(), admin.localpart(), PASSWORD), 10_000);
    }

    @Test
    void anAdminsFailedPasswordStagesAreLimitedEvenWithTheAdminsToken() throws Exception {
        Accounts.Account admin = registerAdmin();
        String session = getToken(admin, null).string("session");
        assertEquals(401, getToken(admin, passwordAuth(admin, "wrong 1", session)).status());
        assertEquals(401, getToken(admin, passwordAuth(admin, "wrong 2", session)).status());

        assertLimited(getToken(admin, passwordAuth(admin, PASSWORD, session)), 10_000);
    }

    @Test
    void anOverlongNameIsAnUnknownUserWithoutABucketOfItsOwn() {
        String overlong = "a".repeat(300);
        for (int i = 0; i < 4; i++) {
            assertError(login(randomAddress(), overlong, PASSWORD), 403, "M_FORBIDDEN");
        }
    }

    @Test
    void theAddressesOfOneIpv6NetworkShareABucket() {
        String network = "2001:db8:" + Integer.toHexString(RANDOM.nextInt(0x10000)) + ":"
                + Integer.toHexString(RANDOM.nextInt(0x10000)) + ":";
        for (int i = 0; i < 3; i++) {
            assertEquals(403, login(network + ipv6Host(), Accounts.randomLocalpart("nobody"), PASSWORD).status());
        }
        assertLimited(login(network + ipv6Host(), Accounts.randomLocalpart("nobody"), PASSWORD), 10_000);
    }

    @Test
    void registrationTokenAttemptsTakeFromTheValidityBucketOfTheAddress() {
        String address = randomAddress();
        JsonObject body = Accounts.registration(Accounts.randomLocalpart("rl"), PASSWORD).build();
        String session = startRegistrationFrom(address, body);
        assertError(post(REGISTER, Accounts.withAuth(body, tokenAuth(session, "not-a-token-1")), address, null),
                401, "M_UNAUTHORIZED", "flows", "params", "session");
        assertEquals(200, validity(address).status());

        assertLimited(validity(address), 10_000);
    }

    @Test
    void registrationTokensTriedOnTheFallbackPageTakeFromTheValidityBucketOfTheAddress() {
        String address = randomAddress();
        String session = startRegistrationFrom(address, Accounts.registration(Accounts.randomLocalpart("rl"), PASSWORD).build());
        assertEquals(200, tokenOnFallbackPage(address, session, "not-a-token-1").status());
        assertEquals(200, tokenOnFallbackPage(address, session, "not-a-token-2").status());

        assertEquals(429, tokenOnFallbackPage(address, session, "not-a-token-3").status());
    }

    @Test
    void failedRegistrationTokensOfOneSessionAreCapped() {
        JsonObject body = Accounts.registration(Accounts.randomLocalpart("rl"), PASSWORD).build();
        String session = startRegistrationFrom(randomAddress(), body);
        for (int i = 0; i < 3; i++) {
            assertError(post(REGISTER, Accounts.withAuth(body, tokenAuth(session, "not-a-token-" + i)), randomAddress(), null),
                    401, "M_UNAUTHORIZED", "flows", "params", "session");
        }
        assertError(post(REGISTER, Accounts.withAuth(body, tokenAuth(session, "not-a-token-4")), randomAddress(), null),
                429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }

    @Test
    void registrationSessionsStartedFromOneAddressAreLimited() {
        String address = randomAddress();
        JsonObject body = Accounts.registration(Accounts.randomLocalpart("rl"), PASSWORD).build();
        assertEquals(401, post(REGISTER, body, address, null).status());
        assertEquals(401, post(REGISTER, body, address, null).status());

        assertLimited(post(REGISTER, body, address, null), 10_000);

        advance(Duration.ofSeconds(10));
        assertEquals(401, post(REGISTER, body, address, null).status());
    }

    @Test
    void sharedSecretNoncesIssuedToOneAddressAreLimited() {
        String address = randomAddress();
        assertEquals(200, nonce(address).status());
        assertEquals(200, nonce(address).status());

        assertLimited(nonce(address), 10_000);

        advance(Duration.ofSeconds(10));
        assertEquals(200, nonce(address).status());
    }

    @Test
    void theRightMostHopNotAddedByATrustedProxyIsTheClient() {
        String address = randomAddress();
        for (int i = 0; i < 3; i++) {
            assertEquals(403, login(address, Accounts.randomLocalpart("nobody"), PASSWORD).status());
        }
        assertLimited(login(randomAddress() + ", " + address, Accounts.randomLocalpart("nobody"), PASSWORD), 10_000);
        assertEquals(403, login(address + ", " + randomAddress(), Accounts.randomLocalpart("nobody"), PASSWORD).status());
    }

    private static void assertLimited(MatrixHttp.Reply reply, long maxRetryAfterMs) {
        JsonObject body = assertError(reply, 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
        long retryAfterMs = body.getJsonNumber("retry_after_ms").longValue();
        assertTrue(retryAfterMs > 0 && retryAfterMs <= maxRetryAfterMs, body::toString);
        assertEquals(String.valueOf((retryAfterMs + 999) / 1000), reply.header("Retry-After"));
    }

    private void advance(Duration by) {
        http.advanceTestClock(by.toMillis());
    }

    private static String randomAddress() {
        return "198.51." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
    }

    private static String ipv6Host() {
        return Integer.toHexString(RANDOM.nextInt(0x10000)) + ":" + Integer.toHexString(RANDOM.nextInt(0x10000)) + ":"
                + Integer.toHexString(RANDOM.nextInt(0x10000)) + ":" + Integer.toHexString(1 + RANDOM.nextInt(0xffff));
    }

    /** Starts a registration session from {@code address}: the 401 challenge's session ID. */
    private String startRegistrationFrom(String address, JsonObject body) {
        MatrixHttp.Reply challenge = post(REGISTER, body, address, null);
        assertEquals(401, challenge.status(), challenge::text);
        return challenge.string("session");
    }

    private static JsonObject tokenAuth(String session, String token) {
        return Json.createObjectBuilder().add("type", TOKEN_STAGE).add("session", session).add("token", token).build();
    }

    private MatrixHttp.Reply tokenOnFallbackPage(String address, String session, String token) {
        return http.send(HttpRequest.newBuilder(http.uri(TOKEN_FALLBACK + session))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString("session=" + session + "&token=" + token)));
    }

    private MatrixHttp.Reply nonce(String address) {
        return http.send(HttpRequest.newBuilder(http.uri(NONCE)).header("X-Forwarded-For", address).GET());
    }

    private MatrixHttp.Reply post(String path, JsonObject body, String forwardedFor, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(request);
    }

    private MatrixHttp.Reply login(String forwardedFor, String user, String password) {
        return post(LOGIN, passwordLogin(user, password).build(), forwardedFor, null);
    }

    private MatrixHttp.Reply available(String address) {
        return http.send(HttpRequest.newBuilder(http.uri(AVAILABLE + Accounts.randomLocalpart("free")))
                .header("X-Forwarded-For", address).GET());
    }

    private MatrixHttp.Reply validity(String address) {
        return http.send(HttpRequest.newBuilder(http.uri(VALIDITY + "unknown-token")).header("X-Forwarded-For", address).GET());
    }

    /** A new user, registered after moving the clock so that registration limits never interfere. */
    private Accounts.Account register() {
        advance(Duration.ofHours(1));
        return accounts.register();
    }

    private void registerFrom(String address) {
        JsonObject body = Accounts.registration(Accounts.randomLocalpart("rl"), PASSWORD).build();
        MatrixHttp.Reply challenge = post(REGISTER, body, address, null);
        assertEquals(401, challenge.status(), challenge::text);
        MatrixHttp.Reply done = post(REGISTER, Accounts.withAuth(body, Accounts.dummyAuth(challenge.string("session"))),
                address, null);
        assertEquals(200, done.status(), done::text);
    }

    private MatrixHttp.Reply getToken(Accounts.Account account, JsonObject auth) {
        JsonObject body = auth == null ? Json.createObjectBuilder().build()
                : Json.createObjectBuilder().add("auth", auth).build();
        return post(GET_TOKEN, body, randomAddress(), account.accessToken());
    }

    private static JsonObject passwordAuth(Accounts.Account account, String password, String session) {
        return Json.createObjectBuilder().add("type", "m.login.password")
                .add("identifier", Json.createObjectBuilder().add("type", "m.id.user").add("user", account.localpart()))
                .add("password", password).add("session", session).build();
    }

    private MatrixHttp.Reply obtainLoginToken(Accounts.Account account) {
        MatrixHttp.Reply challenge = getToken(account, null);
        assertEquals(401, challenge.status(), challenge::text);
        return getToken(account, passwordAuth(account, PASSWORD, challenge.string("session")));
    }

    /**
     * The exempt user (its name is fixed by the configuration), registered the first time, logged
     * in on a new device; the clock is moved first so that none of its buckets is empty.
     */
    private Accounts.Account ensureExemptUser() {
        advance(Duration.ofHours(1));
        MatrixHttp.Reply free = http.get(AVAILABLE + EXEMPT);
        if (free.status() == 200) {
            return accounts.register(EXEMPT);
        }
        return accounts.login(new Accounts.Account(EXEMPT, Accounts.userId(EXEMPT), PASSWORD, null, null));
    }

    /** An admin registered through the shared-secret API (HMAC-SHA1 over nonce, user, password, "admin"). */
    private Accounts.Account registerAdmin() throws Exception {
        advance(Duration.ofHours(1));
        String path = NONCE;
        String nonce = http.get(path).string("nonce");
        String localpart = Accounts.randomLocalpart("rl-admin");
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec("it-shared-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String mac = HexFormat.of().formatHex(hmac.doFinal((nonce + "\0" + localpart + "\0" + PASSWORD + "\0admin")
                .getBytes(StandardCharsets.UTF_8)));
        MatrixHttp.Reply reply = http.post(path, Json.createObjectBuilder().add("nonce", nonce).add("username", localpart)
                .add("password", PASSWORD).add("mac", mac).add("admin", true).build());
        assertEquals(200, reply.status(), reply::text);
        return new Accounts.Account(localpart, reply.string("user_id"), PASSWORD, reply.string("access_token"),
                reply.string("device_id"));
    }
}
