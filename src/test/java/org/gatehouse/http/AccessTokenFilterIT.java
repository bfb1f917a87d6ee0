package org.gatehouse.http;

import static org.gatehouse.testing.Accounts.WHOAMI;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Access tokens on an authenticated endpoint, {@code GET /account/whoami} (spec: "Using access
 * tokens", "Current account information", {@code whoami.yaml}).
 */
class AccessTokenFilterIT extends ClientIT {

    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void requestWithoutTokenIsMissingToken() {
        assertError(http.get(WHOAMI), 401, "M_MISSING_TOKEN");
    }

    @Test
    void garbageTokenIsUnknownToken() {
        assertUnknownToken(accounts.whoami("not-a-token"));
    }

    @Test
    void wellShapedTokenWithWrongChecksumIsUnknownToken() {
        assertUnknownToken(accounts.whoami("gha_" + alphanumeric(32) + "_" + alphanumeric(6)));
    }

    @Test
    void wellFormedTokenThatWasNeverIssuedIsUnknownToken() {
        String body = "gha_" + alphanumeric(32);

        assertUnknownToken(accounts.whoami(body + "_" + checksum(body)));
    }

    @Test
    void tenKilobyteTokenIsUnknownToken() {
        assertUnknownToken(accounts.whoami("gha_" + "a".repeat(10 * 1024)));
    }

    @Test
    void tokenInAccessTokenQueryParameterIsAccepted() {
        Accounts.Account account = accounts.register();

        var reply = http.get(WHOAMI + "?access_token=" + account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    @Test
    void unknownTokenInQueryParameterIsUnknownToken() {
        assertUnknownToken(http.get(WHOAMI + "?access_token=not-a-token"));
    }

    @Test
    void sameTokenInHeaderAndQueryParameterIsAccepted() {
        Accounts.Account account = accounts.register();

        var reply = http.get(WHOAMI + "?access_token=" + account.accessToken(), account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    @Test
    void differentTokensInHeaderAndQueryParameterAreRejected() {
        Accounts.Account first = accounts.register();
        Accounts.Account second = accounts.register();

        var reply = http.get(WHOAMI + "?access_token=" + second.accessToken(), first.accessToken());

        assertError(reply, 400, "M_UNKNOWN");
    }

    @Test
    void authorizationSchemeOtherThanBearerIsMissingToken() {
        var reply = http.send(HttpRequest.newBuilder(http.uri(WHOAMI)).GET()
                .header("Authorization", "Basic dXNlcjpwYXNzd29yZA=="));

        assertError(reply, 401, "M_MISSING_TOKEN");
    }

    @Test
    void basicAuthorizationBesideATokenInTheQueryIsIgnored() {
        Accounts.Account account = accounts.register();

        var reply = http.send(HttpRequest.newBuilder(http.uri(WHOAMI + "?access_token=" + account.accessToken())).GET()
                .header("Authorization", "Basic dXNlcjpwYXNzd29yZA=="));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        Accounts.Account account = accounts.register();

        var reply = http.send(HttpRequest.newBuilder(http.uri(WHOAMI)).GET()
                .header("Authorization", "bearer " + account.accessToken()));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    @Test
    void whoamiAnswersUserIdDeviceIdAndIsGuestFalse() {
        Accounts.Account account = accounts.register();

        var reply = accounts.whoami(account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder()
                .add("user_id", account.userId())
                .add("device_id", account.deviceId())
                .add("is_guest", false)
                .build(), reply.json());
        assertEquals("application/json;charset=utf-8",
                reply.header("Content-Type").replace(" ", "").toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void legacyR0PrefixAuthenticatesLikeV3() {
        Accounts.Account account = accounts.register();

        var reply = http.get("/_matrix/client/r0/account/whoami", account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    private static void assertUnknownToken(MatrixHttp.Reply reply) {
        var body = assertError(reply, 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(false, body.getBoolean("soft_logout"), body::toString);
    }

    private static String alphanumeric(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }

    /** The six base-62 characters of CRC-32 that end an opaque token, so the token passes the shape check. */
    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[6];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = ALPHANUMERIC.charAt((int) (value % ALPHANUMERIC.length()));
            value /= ALPHANUMERIC.length();
        }
        return new String(out);
    }
}
