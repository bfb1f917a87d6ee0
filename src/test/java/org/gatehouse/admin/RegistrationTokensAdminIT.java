package org.gatehouse.admin;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registration token admin API ({@code /_synapse/admin/v1/registration_tokens}, compatible
 * with Synapse's) on a server whose registration is disabled: the admin API works regardless, the
 * validity endpoint answers 403.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrationTokensAdminIT {

    private static final String VALIDITY = "/_matrix/client/v1/register/m.login.registration_token/validity?token=";
    private static final Set<String> TOKEN_FIELDS = Set.of("token", "uses_allowed", "pending", "completed", "expiry_time");
    private static final long HOUR = 3_600_000L;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of("gatehouse.registration.enabled", "false"));
    }

    @ArquillianResource
    private URL base;

    private MatrixHttp http;
    private TokenAdminClient admin;
    private String adminToken;

    @BeforeEach
    void client() {
        http = new MatrixHttp(base);
        admin = new TokenAdminClient(http);
        adminToken = admin.newUser(true);
    }

    private static String uniqueToken() {
        return Accounts.randomLocalpart("tok");
    }

    private static JsonObject expected(String token, JsonValue usesAllowed, long pending, long completed, JsonValue expiry) {
        return Json.createObjectBuilder().add("token", token).add("uses_allowed", usesAllowed).add("pending", pending)
                .add("completed", completed).add("expiry_time", expiry).build();
    }

    @Test
    void createWithDefaultsGeneratesSixteenCharactersWithoutLimits() {
        JsonObject created = admin.create(adminToken, JsonValue.EMPTY_JSON_OBJECT);

        String token = created.getString("token");
        assertEquals(16, token.length(), token);
        assertTrue(token.matches("[A-Za-z0-9._~-]+"), token);
        assertEquals(expected(token, JsonValue.NULL, 0, 0, JsonValue.NULL), created);
    }

    @Test
    void createWithGivenFieldsKeepsThem() {
        String token = uniqueToken();
        long expiry = System.currentTimeMillis() + HOUR;

        JsonObject created = admin.create(adminToken, Json.createObjectBuilder().add("token", token)
                .add("uses_allowed", 3).add("expiry_time", expiry).build());

        assertEquals(expected(token, Json.createValue(3), 0, 0, Json.createValue(expiry)), created);
        assertEquals(created, admin.token(adminToken, token));
    }

    @Test
    void createWithLengthGeneratesThatLength() {
        JsonObject created = admin.create(adminToken, Json.createObjectBuilder().add("length", 64).build());

        assertEquals(64, created.getString("token").length(), created::toString);
    }

    @Test
    void createWithTakenTokenIsInvalid() {
        String token = uniqueToken();
        admin.create(adminToken, Json.createObjectBuilder().add("token", token).build());

        assertError(admin.post(adminToken, Json.createObjectBuilder().add("token", token).build()), 400, "M_INVALID_PARAM");
    }

    @Test
    void createWithCharactersOutsideTheGrammarIsInvalid() {
        assertError(admin.post(adminToken, Json.createObjectBuilder().add("token", "bad token!").build()),
                400, "M_INVALID_PARAM");
    }

    @Test
    void createWithTokenShorterThanEightIsInvalid() {
        assertError(admin.post(adminToken, Json.createObjectBuilder().add("token", "abc1234").build()),
                400, "M_INVALID_PARAM");
    }

    @Test
    void createWithTokenLongerThanSixtyFourIsInvalid() {
        assertError(admin.post(adminToken, Json.createObjectBuilder().add("token", "a".repeat(65)).build()),
                400, "M_INVALID_PARAM");
    }

    @Test
    void createWithLengthZeroOrAboveSixtyFourIsInvalid() {
        assertError(admin.post(adminToken, Json.createObjectBuilder().add("length", 0).build()), 400, "M_INVALID_PARAM");
        assertError(admin.post(adminToken, Json.createObjectBuilder().add("length", 65).build()), 400, "M_INVALID_PARAM");
    }

    @Test
    void createWithNegativeUsesAllowedIsInvalid() {
        assertError(admin.post(adminToken, Json.createObjectBuilder().add("uses_allowed", -1).build()),
                400, "M_INVALID_PARAM");
    }

    @Test
    void createWithExpiryInThePastIsInvalid() {
        assertError(admin.post(adminToken, Json.createObjectBuilder()
                .add("expiry_time", System.currentTimeMillis() - HOUR).build()), 400, "M_INVALID_PARAM");
    }

    @Test
    void createWithUsesAllowedOfTheWrongTypeIsBadJson() {
        assertError(admin.post(adminToken, Json.createObjectBuilder().add("uses_allowed", "3").build()),
                400, "M_BAD_JSON");
    }

    @Test
    void getUnknownTokenIsNotFound() {
        assertError(admin.get(adminToken, "/" + uniqueToken()), 404, "M_NOT_FOUND");
    }

    @Test
    void listShowsEveryToken() {
        String first = admin.createToken(adminToken, null);
        String second = admin.createToken(adminToken, 0L);

        MatrixHttp.Reply reply = admin.get(adminToken, "");

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Set.of("registration_tokens"), reply.json().keySet());
        List<String> listed = tokens(reply);
        assertTrue(listed.containsAll(List.of(first, second)), listed::toString);
        reply.json().getJsonArray("registration_tokens").forEach(token ->
                assertEquals(TOKEN_FIELDS, token.asJsonObject().keySet(), token::toString));
    }

    @Test
    void listValidTrueShowsOnlyUsableTokens() {
        String usable = admin.createToken(adminToken, 5L);
        String usedUp = admin.createToken(adminToken, 0L);

        List<String> listed = tokens(admin.get(adminToken, "?valid=true"));

        assertTrue(listed.contains(usable), listed::toString);
        assertFalse(listed.contains(usedUp), listed::toString);
    }

    @Test
    void listValidFalseShowsOnlyUnusableTokens() {
        String usable = admin.createToken(adminToken, 5L);
        String usedUp = admin.createToken(adminToken, 0L);

        List<String> listed = tokens(admin.get(adminToken, "?valid=false"));

        assertFalse(listed.contains(usable), listed::toString);
        assertTrue(listed.contains(usedUp), listed::toString);
    }

    @Test
    void listWithValidNotABooleanIsInvalid() {
        assertError(admin.get(adminToken, "?valid=maybe"), 400, "M_INVALID_PARAM");
    }

    @Test
    void updateChangesOnlyTheGivenFields() {
        String token = admin.createToken(adminToken, 1L);
        long expiry = System.currentTimeMillis() + HOUR;

        MatrixHttp.Reply reply = admin.put(adminToken, token, Json.createObjectBuilder().add("expiry_time", expiry).build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(expected(token, Json.createValue(1), 0, 0, Json.createValue(expiry)), reply.json());
    }

    @Test
    void updateWithNullsRemovesTheLimits() {
        String token = uniqueToken();
        admin.create(adminToken, Json.createObjectBuilder().add("token", token).add("uses_allowed", 2)
                .add("expiry_time", System.currentTimeMillis() + HOUR).build());

        MatrixHttp.Reply reply = admin.put(adminToken, token, Json.createObjectBuilder()
                .addNull("uses_allowed").addNull("expiry_time").build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(expected(token, JsonValue.NULL, 0, 0, JsonValue.NULL), reply.json());
        assertEquals(reply.json(), admin.token(adminToken, token));
    }

    @Test
    void updateWithoutAnyFieldIsMissingParam() {
        String token = admin.createToken(adminToken, null);

        assertError(admin.put(adminToken, token, JsonValue.EMPTY_JSON_OBJECT), 400, "M_MISSING_PARAM");
    }

    @Test
    void updateWithNegativeUsesAllowedIsInvalid() {
        String token = admin.createToken(adminToken, null);

        assertError(admin.put(adminToken, token, Json.createObjectBuilder().add("uses_allowed", -5).build()),
                400, "M_INVALID_PARAM");
    }

    @Test
    void updateWithExpiryInThePastIsInvalid() {
        String token = admin.createToken(adminToken, null);

        assertError(admin.put(adminToken, token, Json.createObjectBuilder()
                .add("expiry_time", System.currentTimeMillis() - HOUR).build()), 400, "M_INVALID_PARAM");
    }

    @Test
    void updateUnknownTokenIsNotFound() {
        assertError(admin.put(adminToken, uniqueToken(), Json.createObjectBuilder().add("uses_allowed", 1).build()),
                404, "M_NOT_FOUND");
    }

    @Test
    void deleteAnswersEmptyObjectAndTheTokenIsGone() {
        String token = admin.createToken(adminToken, null);

        MatrixHttp.Reply reply = admin.delete(adminToken, token);

        assertEquals(200, reply.status(), reply::text);
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, reply.json());
        assertError(admin.get(adminToken, "/" + token), 404, "M_NOT_FOUND");
    }

    @Test
    void deleteUnknownTokenIsNotFound() {
        assertError(admin.delete(adminToken, uniqueToken()), 404, "M_NOT_FOUND");
    }

    @Test
    void everyEndpointIsForbiddenToNonAdmins() {
        String token = admin.createToken(adminToken, null);
        String user = admin.newUser(false);

        assertError(admin.get(user, ""), 403, "M_FORBIDDEN");
        assertError(admin.get(user, "/" + token), 403, "M_FORBIDDEN");
        assertError(admin.post(user, JsonValue.EMPTY_JSON_OBJECT), 403, "M_FORBIDDEN");
        assertError(admin.put(user, token, Json.createObjectBuilder().add("uses_allowed", 1).build()), 403, "M_FORBIDDEN");
        assertError(admin.delete(user, token), 403, "M_FORBIDDEN");
        assertEquals(expected(token, JsonValue.NULL, 0, 0, JsonValue.NULL), admin.token(adminToken, token));
    }

    @Test
    void listWithoutAccessTokenIsMissingToken() {
        assertError(http.get(TokenAdminClient.TOKENS), 401, "M_MISSING_TOKEN");
    }

    @Test
    void validityIsForbiddenWhileRegistrationIsDisabled() {
        String token = admin.createToken(adminToken, null);

        assertError(http.get(VALIDITY + token), 403, "M_FORBIDDEN");
    }

    private static List<String> tokens(MatrixHttp.Reply reply) {
        assertEquals(200, reply.status(), reply::text);
        return reply.json().getJsonArray("registration_tokens").stream()
                .map(token -> token.asJsonObject().getString("token")).toList();
    }
}
