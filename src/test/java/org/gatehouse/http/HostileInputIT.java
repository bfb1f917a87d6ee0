package org.gatehouse.http;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.REGISTER;
import static org.gatehouse.testing.Accounts.WHOAMI;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Hostile input answers a 4xx Matrix error, never a 5xx, and changes nothing (spec: "API
 * Standards", standard error response).
 */
class HostileInputIT extends ClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    private MatrixHttp.Reply postText(String path, String json) {
        return http.postRaw(path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private void assertStillAvailable(String localpart) {
        MatrixHttp.Reply reply = http.get("/_matrix/client/v3/register/available?username=" + localpart);
        assertEquals(200, reply.status(), reply::text);
    }

    @Test
    void deeplyNestedJsonIsBadJson() {
        String localpart = Accounts.randomLocalpart("deep");
        String body = "{\"username\":\"" + localpart + "\",\"password\":\"" + PASSWORD + "\",\"x\":"
                + "[".repeat(100) + "]".repeat(100) + "}";

        assertError(postText(REGISTER, body), 400, "M_BAD_JSON");
        assertStillAvailable(localpart);
    }

    @Test
    void aHugeArrayIsBadJson() {
        String body = "{\"type\":\"m.login.password\",\"x\":[" + "0,".repeat(5000) + "0]}";

        assertError(postText(LOGIN, body), 400, "M_BAD_JSON");
    }

    @Test
    void aControlCharacterInAUsernameIsAnInvalidUsername() {
        String localpart = Accounts.randomLocalpart("ctl");
        String body = "{\"username\":\"" + localpart + "\\u0000\",\"password\":\"" + PASSWORD + "\"}";

        assertError(postText(REGISTER, body), 400, "M_INVALID_USERNAME");
        assertStillAvailable(localpart);
    }

    @Test
    void aC1ControlCharacterInAUsernameIsAnInvalidUsername() {
        String localpart = Accounts.randomLocalpart("ctl");
        String body = "{\"username\":\"" + localpart + "\\u0085\",\"password\":\"" + PASSWORD
                + "\",\"auth\":{\"type\":\"m.login.dummy\"}}";

        assertError(postText(REGISTER, body), 400, "M_INVALID_USERNAME");
        assertStillAvailable(localpart);
    }

    @Test
    void aControlCharacterInASharedSecretRegistrationUsernameIsAnInvalidUsername() {
        String localpart = Accounts.randomLocalpart("ctl");

        MatrixHttp.Reply reply = new TokenAdminClient(http).sharedSecretRegister(localpart + "\u001b[31m", false, null);

        assertError(reply, 400, "M_INVALID_USERNAME");
        assertStillAvailable(localpart);
    }

    @Test
    void aControlCharacterInALoginUserIsStillAnInvalidParameter() {
        String body = "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"a\\u0000b\"},"
                + "\"password\":\"" + PASSWORD + "\"}";

        assertError(postText(LOGIN, body), 400, "M_INVALID_PARAM");
    }

    @Test
    void aControlCharacterInADeviceIdIsInvalid() {
        Accounts.Account account = accounts.register();
        String body = "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\""
                + account.localpart() + "\"},\"password\":\"" + PASSWORD + "\",\"device_id\":\"DEV\\u001b[31m\"}";

        assertError(postText(LOGIN, body), 400, "M_INVALID_PARAM");
    }

    @Test
    void aControlCharacterInARefreshTokenIsInvalid() {
        assertError(postText("/_matrix/client/v3/refresh", "{\"refresh_token\":\"ghr_\\u0007\"}"), 400, "M_INVALID_PARAM");
    }

    @Test
    void aPasswordThatIsNotUnicodeTextIsBadJsonAndCreatesNoAccount() {
        String localpart = Accounts.randomLocalpart("sur");
        String body = "{\"username\":\"" + localpart + "\",\"password\":\"abc\\ud800defghijk\"}";

        assertError(postText(REGISTER, body), 400, "M_BAD_JSON");
        assertStillAvailable(localpart);
    }

    @Test
    void aHugeNumberWhereAStringBelongsIsBadJson() {
        assertError(postText(LOGIN, "{\"type\":1e999999999}"), 400, "M_BAD_JSON");
    }

    @Test
    void aHugeNumberWhereABooleanBelongsIsBadJson() {
        assertError(postText(LOGIN, "{\"type\":\"m.login.password\",\"refresh_token\":-123456789012345678901234567890}"),
                400, "M_BAD_JSON");
    }

    @Test
    void manyAuthorizationHeadersAreRejected() {
        Accounts.Account account = accounts.register();
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(WHOAMI)).GET();
        for (int i = 0; i < 50; i++) {
            request.header("Authorization", "Bearer " + account.accessToken());
        }

        assertError(http.send(request), 400, "M_UNKNOWN");
    }

    @Test
    void aTenKilobyteTokenInTheQueryIsUnknown() {
        MatrixHttp.Reply reply = http.get(WHOAMI + "?access_token=" + "a".repeat(10 * 1024));

        assertError(reply, 401, "M_UNKNOWN_TOKEN", "soft_logout");
    }

    @Test
    void aControlCharacterInAnAvailabilityQueryIsInvalid() {
        MatrixHttp.Reply reply = http.get("/_matrix/client/v3/register/available?username=a%00b");

        assertEquals(400, reply.status(), reply::text);
        assertEquals("M_INVALID_USERNAME", reply.string("errcode"), reply::text);
    }
}
