package org.gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.MatrixHttp;

/**
 * Test client of the registration token admin API ({@code /_synapse/admin/v1/registration_tokens})
 * with users made through shared-secret registration (the test server's secret
 * {@code it-shared-secret}), which can make server admins.
 */
public final class TokenAdminClient {

    public static final String TOKENS = "/_synapse/admin/v1/registration_tokens";

    private static final String SHARED_SECRET = "it-shared-secret";

    private final MatrixHttp http;

    public TokenAdminClient(MatrixHttp http) {
        this.http = http;
    }

    /** Registers a new user through the shared-secret API; returns its access token. */
    public String newUser(boolean admin) {
        MatrixHttp.Reply reply = sharedSecretRegister(Accounts.randomLocalpart(admin ? "admin" : "plain"), admin, null);
        assertEquals(200, reply.status(), reply::text);
        return reply.string("access_token");
    }

    /**
     * {@code POST /_synapse/admin/v1/register} for {@code username} with a fresh nonce and the
     * right MAC, and {@code displayname} when it is not {@code null}; the raw reply.
     */
    public MatrixHttp.Reply sharedSecretRegister(String username, boolean admin, String displayname) {
        String nonce = http.get("/_synapse/admin/v1/register").string("nonce");
        String message = nonce + '\0' + username + '\0' + Accounts.PASSWORD + '\0' + (admin ? "admin" : "notadmin");
        var body = Json.createObjectBuilder().add("nonce", nonce).add("username", username)
                .add("password", Accounts.PASSWORD).add("admin", admin).add("mac", hmacSha1(message));
        if (displayname != null) {
            body.add("displayname", displayname);
        }
        return http.post("/_synapse/admin/v1/register", body.build());
    }

    /** {@code POST /new} with {@code body}; asserts 200 and returns the token object. */
    public JsonObject create(String accessToken, JsonObject body) {
        MatrixHttp.Reply reply = post(accessToken, body);
        assertEquals(200, reply.status(), reply::text);
        return reply.json();
    }

    /** A new token with {@code uses_allowed} ({@code null} for unlimited); returns the token. */
    public String createToken(String accessToken, Long usesAllowed) {
        var body = Json.createObjectBuilder();
        if (usesAllowed != null) {
            body.add("uses_allowed", usesAllowed);
        }
        return create(accessToken, body.build()).getString("token");
    }

    public MatrixHttp.Reply post(String accessToken, JsonObject body) {
        return http.post(TOKENS + "/new", body, accessToken);
    }

    public MatrixHttp.Reply get(String accessToken, String pathAndQuery) {
        return http.get(TOKENS + pathAndQuery, accessToken);
    }

    /** {@code GET /{token}}; asserts 200. */
    public JsonObject token(String accessToken, String token) {
        MatrixHttp.Reply reply = get(accessToken, "/" + token);
        assertEquals(200, reply.status(), reply::text);
        return reply.json();
    }

    public MatrixHttp.Reply put(String accessToken, String token, JsonObject body) {
        return http.send(HttpRequest.newBuilder(http.uri(TOKENS + "/" + token))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public MatrixHttp.Reply delete(String accessToken, String token) {
        return http.send(HttpRequest.newBuilder(http.uri(TOKENS + "/" + token))
                .header("Authorization", "Bearer " + accessToken)
                .DELETE());
    }

    private static String hmacSha1(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SHARED_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
