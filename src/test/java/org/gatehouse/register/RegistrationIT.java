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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /register} and {@code GET /register/available} (spec: "Account registration",
 * {@code registration.yaml}) on a server with registration enabled, the default
 * {@code m.login.dummy} flow and guests disabled.
 */
class RegistrationIT extends ClientIT {

    private static final String AVAILABLE = "/_matrix/client/v3/register/available?username=";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void registrationWithoutAuthIsChallengedWithTheDummyFlow() {
        var reply = http.post(REGISTER, registration(randomLocalpart("challenge"), PASSWORD).build());

        assertEquals(401, reply.status(), reply::text);
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        JsonObject body = reply.json();
        assertEquals(Set.of("flows", "params", "session"), body.keySet(), body::toString);
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("stages", Json.createArrayBuilder().add("m.login.dummy")))
                .build(), body.getJsonArray("flows"));
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, body.getJsonObject("params"));
        assertFalse(body.getString("session").isBlank(), body::toString);
    }

    @Test
    void completingTheDummyStageWithTheSessionRegisters() {
        String localpart = randomLocalpart("dance");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = accounts.startRegistration(body);

        var reply = http.post(REGISTER, withAuth(body, dummyAuth(session)));

        assertEquals(200, reply.status(), reply::text);
        JsonObject json = reply.json();
        assertEquals(Set.of("user_id", "access_token", "device_id"), json.keySet(), json::toString);
        assertEquals(userId(localpart), json.getString("user_id"));
        accounts.assertTokenWorks(new Accounts.Account(localpart, json.getString("user_id"), PASSWORD,
                json.getString("access_token"), json.getString("device_id")));
    }

    @Test
    void dummyAuthWithoutSessionRegistersInOneRequest() {
        String localpart = randomLocalpart("inline");

        var reply = http.post(REGISTER, withAuth(registration(localpart, PASSWORD).build(), dummyAuth(null)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(localpart), reply.string("user_id"));
        assertEquals(200, accounts.whoami(reply.string("access_token")).status());
    }

    @Test
    void registeredUserCanLogInWithThePassword() {
        Accounts.Account account = accounts.register();

        Accounts.Account session = accounts.login(account);

        accounts.assertTokenWorks(session);
    }

    @Test
    void usernameIsLowercased() {
        String localpart = randomLocalpart("mixedcase");
        String mixed = "MixedCase" + localpart.substring("mixedcase".length()).toUpperCase(Locale.ROOT);

        var reply = http.post(REGISTER, withAuth(registration(mixed, PASSWORD).build(), dummyAuth(null)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(mixed.toLowerCase(Locale.ROOT)), reply.string("user_id"));
    }

    @Test
    void usernameWithSpaceAndPunctuationIsInvalidBeforeAuthentication() {
        assertError(http.post(REGISTER, registration("bad name!", PASSWORD).build()), 400, "M_INVALID_USERNAME");
    }

    @Test
    void nonAsciiUsernameIsInvalidBeforeAuthentication() {
        assertError(http.post(REGISTER, registration("caf\u00e9", PASSWORD).build()), 400, "M_INVALID_USERNAME");
    }

    @Test
    void invalidUsernameIsInvalidEvenWithAuth() {
        var body = withAuth(registration("bad name!", PASSWORD).build(), dummyAuth(null));

        assertError(http.post(REGISTER, body), 400, "M_INVALID_USERNAME");
    }

    @Test
    void takenUsernameIsInUseBeforeAuthentication() {
        Accounts.Account existing = accounts.register();

        assertError(http.post(REGISTER, registration(existing.localpart(), PASSWORD).build()), 400, "M_USER_IN_USE");
    }

    @Test
    void takenUsernameIsInUseWithAuth() {
        Accounts.Account existing = accounts.register();
        var body = withAuth(registration(existing.localpart(), PASSWORD).build(), dummyAuth(null));

        assertError(http.post(REGISTER, body), 400, "M_USER_IN_USE");
    }

    @Test
    void takenUsernameIsInUseCaseInsensitively() {
        Accounts.Account existing = accounts.register();
        String upper = existing.localpart().toUpperCase(Locale.ROOT);

        assertError(http.post(REGISTER, registration(upper, PASSWORD).build()), 400, "M_USER_IN_USE");
    }

    @Test
    void userIdOfExactly255BytesIsAccepted() {
        // "@" + localpart + ":localhost" = 255 bytes
        String localpart = padded(randomLocalpart("long"), 255 - "@:localhost".length());

        var reply = http.post(REGISTER, withAuth(registration(localpart, PASSWORD).build(), dummyAuth(null)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(localpart), reply.string("user_id"));
    }

    @Test
    void userIdOverTheLimitOf255BytesIsInvalid() {
        String localpart = padded(randomLocalpart("long"), 256 - "@:localhost".length());

        assertError(http.post(REGISTER, registration(localpart, PASSWORD).build()), 400, "M_INVALID_USERNAME");
    }

    @Test
    void registrationWithoutUsernameGetsAServerChosenLocalpart() {
        var body = Json.createObjectBuilder().add("password", PASSWORD).add("auth", dummyAuth(null)).build();

        var reply = http.post(REGISTER, body);

        assertEquals(200, reply.status(), reply::text);
        String userId = reply.string("user_id");
        assertTrue(userId.matches("@[a-z0-9._=/+-]+:localhost"), userId);
        assertEquals(userId, accounts.whoami(reply.string("access_token")).string("user_id"));
    }

    @Test
    void missingPasswordWhenAuthenticationCompletesIsMissingParam() {
        var body = Json.createObjectBuilder().add("username", randomLocalpart("nopass")).add("auth", dummyAuth(null))
                .build();

        assertError(http.post(REGISTER, body), 400, "M_MISSING_PARAM");
    }

    @Test
    void missingPasswordDoesNotCreateTheAccount() {
        String localpart = randomLocalpart("nopass");
        var body = Json.createObjectBuilder().add("username", localpart).add("auth", dummyAuth(null)).build();
        assertError(http.post(REGISTER, body), 400, "M_MISSING_PARAM");

        var available = http.get(AVAILABLE + localpart);

        assertEquals(200, available.status(), available::text);
    }

    @Test
    void passwordShorterThanEightCharactersIsWeak() {
        assertError(http.post(REGISTER, registration(randomLocalpart("weak"), "1234567").build()), 400,
                "M_WEAK_PASSWORD");
    }

    @Test
    void weakPasswordIsWeakEvenWithAuth() {
        var body = withAuth(registration(randomLocalpart("weak"), "short").build(), dummyAuth(null));

        assertError(http.post(REGISTER, body), 400, "M_WEAK_PASSWORD");
    }

    @Test
    void requestedDeviceIdAndDisplayNameAreHonoured() {
        String localpart = randomLocalpart("device");
        String deviceId = "DEV" + randomLocalpart("x").toUpperCase(Locale.ROOT);
        var body = registration(localpart, PASSWORD)
                .add("device_id", deviceId)
                .add("initial_device_display_name", "Test phone")
                .add("auth", dummyAuth(null))
                .build();

        var reply = http.post(REGISTER, body);

        assertEquals(200, reply.status(), reply::text);
        assertEquals(deviceId, reply.string("device_id"));
        var whoami = accounts.whoami(reply.string("access_token"));
        assertEquals(deviceId, whoami.string("device_id"), whoami::text);
    }

    @Test
    void invalidDeviceIdIsInvalidParam() {
        var body = registration(randomLocalpart("baddevice"), PASSWORD).add("device_id", "bad id")
                .add("auth", dummyAuth(null)).build();

        assertError(http.post(REGISTER, body), 400, "M_INVALID_PARAM");
    }

    @Test
    void invalidDeviceIdDoesNotCreateTheAccount() {
        String localpart = randomLocalpart("baddevice");
        var body = registration(localpart, PASSWORD).add("device_id", "bad id").add("auth", dummyAuth(null)).build();
        assertError(http.post(REGISTER, body), 400, "M_INVALID_PARAM");

        var available = http.get(AVAILABLE + localpart);

        assertEquals(200, available.status(), available::text);
    }

    @Test
    void inhibitLoginAnswersOnlyTheUserId() {
        String localpart = randomLocalpart("inhibit");
        var body = registration(localpart, PASSWORD).add("inhibit_login", true).add("auth", dummyAuth(null)).build();

        var reply = http.post(REGISTER, body);

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("user_id", userId(localpart)).build(), reply.json());
    }

    @Test
    void inhibitLoginStillCreatesTheAccount() {
        String localpart = randomLocalpart("inhibit");
        var body = registration(localpart, PASSWORD).add("inhibit_login", true).add("auth", dummyAuth(null)).build();
        assertEquals(200, http.post(REGISTER, body).status());

        accounts.assertTokenWorks(accounts.login(new Accounts.Account(localpart, userId(localpart), PASSWORD, null, null)));
    }

    @Test
    void resubmittingACompletedSessionReturnsTheSameUserWithAFreshToken() {
        String localpart = randomLocalpart("again");
        JsonObject body = registration(localpart, PASSWORD).build();
        JsonObject completed = withAuth(body, dummyAuth(accounts.startRegistration(body)));
        var first = http.post(REGISTER, completed);
        assertEquals(200, first.status(), first::text);

        var second = http.post(REGISTER, completed);

        assertEquals(200, second.status(), second::text);
        assertEquals(first.string("user_id"), second.string("user_id"));
        assertNotEquals(first.string("access_token"), second.string("access_token"));
        assertEquals(first.string("user_id"), accounts.whoami(second.string("access_token")).string("user_id"));
    }

    @Test
    void resubmittingACompletedSessionWithoutThePasswordAnswersOnlyTheUserId() {
        String localpart = randomLocalpart("replay");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = accounts.startRegistration(body);
        assertEquals(200, http.post(REGISTER, withAuth(body, dummyAuth(session))).status());
        JsonObject withoutPassword = withAuth(Json.createObjectBuilder().add("username", localpart).build(),
                dummyAuth(session));

        var replay = http.post(REGISTER, withoutPassword);

        assertEquals(200, replay.status(), replay::text);
        assertEquals(Json.createObjectBuilder().add("user_id", userId(localpart)).build(), replay.json());
    }

    @Test
    void resubmittingACompletedSessionWithAWrongPasswordAnswersOnlyTheUserId() {
        String localpart = randomLocalpart("replay");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = accounts.startRegistration(body);
        assertEquals(200, http.post(REGISTER, withAuth(body, dummyAuth(session))).status());

        var replay = http.post(REGISTER, withAuth(registration(localpart, "a wrong password").build(), dummyAuth(session)));

        assertEquals(200, replay.status(), replay::text);
        assertEquals(Json.createObjectBuilder().add("user_id", userId(localpart)).build(), replay.json());
    }

    @Test
    void resubmittingACompletedSessionOfADeactivatedAccountMintsNoToken() {
        String localpart = randomLocalpart("gone");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = accounts.startRegistration(body);
        var first = http.post(REGISTER, withAuth(body, dummyAuth(session)));
        assertEquals(200, first.status(), first::text);
        Accounts.Account account = new Accounts.Account(localpart, userId(localpart), PASSWORD,
                first.string("access_token"), first.string("device_id"));
        String deactivation = Reauth.assertPasswordChallenge(http.post(Reauth.DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT,
                account.accessToken()));
        var deactivated = http.post(Reauth.DEACTIVATE, Reauth.withPassword(JsonObject.EMPTY_JSON_OBJECT, deactivation,
                account), account.accessToken());
        assertEquals(200, deactivated.status(), deactivated::text);

        var replay = http.post(REGISTER, withAuth(body, dummyAuth(session)));

        assertEquals(200, replay.status(), replay::text);
        assertEquals(Json.createObjectBuilder().add("user_id", userId(localpart)).build(), replay.json());
    }

    @Test
    void unknownSessionIsUnknown() {
        var body = withAuth(registration(randomLocalpart("nosession"), PASSWORD).build(),
                dummyAuth("no-such-session-" + randomLocalpart("s")));

        assertError(http.post(REGISTER, body), 400, "M_UNKNOWN");
    }

    @Test
    void stageTypeNotOfferedIsUnrecognized() {
        JsonObject body = registration(randomLocalpart("stage"), PASSWORD).build();
        String session = accounts.startRegistration(body);
        var auth = Json.createObjectBuilder().add("type", "m.login.password").add("session", session).build();

        assertError(http.post(REGISTER, withAuth(body, auth)), 400, "M_UNRECOGNIZED");
    }

    @Test
    void guestRegistrationIsForbiddenWhenGuestsAreDisabled() {
        assertError(http.post(REGISTER + "?kind=guest", Json.createObjectBuilder().build()), 403,
                "M_GUEST_ACCESS_FORBIDDEN");
    }

    @Test
    void unknownKindIsInvalidParam() {
        var body = registration(randomLocalpart("kind"), PASSWORD).build();

        assertError(http.post(REGISTER + "?kind=bogus", body), 400, "M_INVALID_PARAM");
    }

    @Test
    void freeUsernameIsAvailable() {
        var reply = http.get(AVAILABLE + randomLocalpart("free"));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("available", true).build(), reply.json());
    }

    @Test
    void takenUsernameIsNotAvailable() {
        Accounts.Account existing = accounts.register();

        assertError(http.get(AVAILABLE + existing.localpart()), 400, "M_USER_IN_USE");
    }

    @Test
    void takenUsernameIsNotAvailableInAnotherCase() {
        Accounts.Account existing = accounts.register();

        assertError(http.get(AVAILABLE + existing.localpart().toUpperCase(Locale.ROOT)), 400, "M_USER_IN_USE");
    }

    @Test
    void invalidUsernameIsNotAvailable() {
        assertError(http.get(AVAILABLE + URLEncoder.encode("bad name!", StandardCharsets.UTF_8)), 400,
                "M_INVALID_USERNAME");
    }

    @Test
    void availabilityWithoutUsernameIsMissingParam() {
        assertError(http.get("/_matrix/client/v3/register/available"), 400, "M_MISSING_PARAM");
    }

    @Test
    void legacyR0PrefixRegistersLikeV3() {
        String localpart = randomLocalpart("rzero");
        JsonObject body = registration(localpart, PASSWORD).build();
        var challenge = http.post("/_matrix/client/r0/register", body);
        assertEquals(401, challenge.status(), challenge::text);
        assertEquals(Set.of("flows", "params", "session"), challenge.json().keySet());

        var reply = http.post("/_matrix/client/r0/register", withAuth(body, dummyAuth(challenge.string("session"))));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(localpart), reply.string("user_id"));
    }

    @Test
    void legacyR0AvailabilityWorksLikeV3() {
        var reply = http.get("/_matrix/client/r0/register/available?username=" + randomLocalpart("rzero"));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("available", true).build(), reply.json());
    }

    /** {@code prefix} padded with {@code a} to {@code length} characters. */
    private static String padded(String prefix, int length) {
        return prefix + "a".repeat(length - prefix.length());
    }
}
