package org.gatehouse.uia;

import static org.gatehouse.http.JsonMapping.JSONP;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A request that User-Interactive Authentication protects, and what its session remembers of it.
 *
 * <p>A session is bound to the operation that started it ({@link Binding}). It remembers the
 * operation's {@code parameters} (the body without {@code auth} and the secret) and a hash of its
 * {@code secret}, so that a later stage may send only {@code auth} and the operation runs with the
 * remembered ones ({@link UiaOutcome#parameters()}, {@link UiaOutcome#secretHash()}).
 *
 * @param method     HTTP method
 * @param path       the endpoint's path without its version prefix (e.g. {@code /register}), so
 *                   that {@code r0} and {@code v3} requests share sessions
 * @param body       the whole JSON request body, {@code auth} included
 * @param binding    what a session of this operation is bound to
 * @param parameters the parameters this request carries, or {@code null} when it carries none and
 *                   continues with those its session remembers
 * @param secret     the secret this request carries, or {@code null}; the session keeps only its hash
 * @param userRef    database id of the user the operation acts for, or {@code null} (registration,
 *                   or an operation for the user the stages prove)
 * @param provesUser whether the operation acts for the user its stages prove (no access token was
 *                   given): {@link UiaOutcome#userRef()} is then that user
 * @param flows      the flows offered, each a list of stage types
 * @param replayable whether a session whose operation already succeeded returns that result
 *                   again (registration), or must authenticate anew (a fresh session is started)
 */
public record UiaOperation(String method, String path, JsonObject body, Binding binding, JsonObject parameters,
                           String secret, Long userRef, boolean provesUser, List<List<String>> flows,
                           boolean replayable) {

    /** What a session is bound to; using it for another operation is 403 {@code M_FORBIDDEN}. */
    public enum Binding {
        /**
         * Method, versionless path, acting user and parameters: a later request must carry the
         * same parameters, or none at all (only {@code auth}) to continue the remembered ones.
         */
        REQUEST,
        /**
         * Method and versionless path only (registration, as real clients drive it): a later
         * request that carries parameters replaces the remembered ones.
         */
        ENDPOINT
    }

    /**
     * A sensitive operation for an authenticated user (device deletion, password change,
     * deactivation, {@code get_token}): bound to the request ({@link Binding#REQUEST}), never
     * replayed. A request whose body is only {@code auth} with a {@code session} continues the
     * remembered operation.
     *
     * @param secretField the top-level body field held only as a hash, or {@code null}
     * @param userRef     the acting user, or {@code null} when the stages prove who it is
     */
    public static UiaOperation forUser(String method, String path, JsonObject body, String secretField, Long userRef,
                                       List<List<String>> flows) {
        return new UiaOperation(method, path, body, Binding.REQUEST,
                continuesSession(body) ? null : parametersOf(body, secretField), secretOf(body, secretField), userRef,
                userRef == null, flows, false);
    }

    /**
     * Registration ({@link Binding#ENDPOINT}, replayed once it succeeded).
     *
     * @param parameters the registration parameters the request carries, or {@code null} for none
     * @param password   the password the request carries, or {@code null}
     */
    public static UiaOperation forRegistration(String path, JsonObject body, JsonObject parameters, String password,
                                               List<List<String>> flows) {
        return new UiaOperation("POST", path, body, Binding.ENDPOINT, parameters, password, null, false, flows, true);
    }

    /**
     * Whether {@code body} has no field but {@code auth}, and that names a {@code session}: the
     * request continues the operation its session remembers.
     */
    public static boolean continuesSession(JsonObject body) {
        if (body.size() != 1 || !(body.get("auth") instanceof JsonObject auth)) {
            return false;
        }
        return auth.get("session") instanceof JsonString;
    }

    private static JsonObject parametersOf(JsonObject body, String secretField) {
        JsonObjectBuilder parameters = JSONP.createObjectBuilder(body);
        parameters.remove("auth");
        if (secretField != null) {
            parameters.remove(secretField);
        }
        return parameters.build();
    }

    private static String secretOf(JsonObject body, String secretField) {
        if (secretField == null) {
            return null;
        }
        JsonValue secret = body.get(secretField);
        return secret instanceof JsonString text ? text.getString() : null;
    }
}
