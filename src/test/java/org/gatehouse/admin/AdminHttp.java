package org.gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonStructure;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.gatehouse.testing.MatrixHttp;

/**
 * Requests of the admin tests: any method with a bearer token, and a user's ID as a path segment.
 * Server admins are made through shared-secret registration ({@link TokenAdminClient#newUser}).
 */
final class AdminHttp {

    private final MatrixHttp http;

    AdminHttp(MatrixHttp http) {
        this.http = http;
    }

    /** A new server admin's access token. */
    String newAdmin() {
        return new TokenAdminClient(http).newUser(true);
    }

    /** The user ID the token belongs to. */
    String userIdOf(String accessToken) {
        MatrixHttp.Reply reply = http.get("/_matrix/client/v3/account/whoami", accessToken);
        assertEquals(200, reply.status(), reply::text);
        return reply.string("user_id");
    }

    /** {@code userId} as a path segment. */
    static String segment(String userId) {
        return URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    MatrixHttp.Reply get(String path, String accessToken) {
        return http.get(path, accessToken);
    }

    MatrixHttp.Reply put(String path, JsonStructure body, String accessToken) {
        return send("PUT", path, body, accessToken);
    }

    MatrixHttp.Reply post(String path, JsonStructure body, String accessToken) {
        return send("POST", path, body, accessToken);
    }

    MatrixHttp.Reply delete(String path, String accessToken) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + accessToken).DELETE());
    }

    /** {@code GET} with a {@code User-Agent} header. */
    MatrixHttp.Reply getAs(String userAgent, String path, String accessToken) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + accessToken)
                .header("User-Agent", userAgent).GET());
    }

    private MatrixHttp.Reply send(String method, String path, JsonStructure body, String accessToken) {
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())));
    }
}
