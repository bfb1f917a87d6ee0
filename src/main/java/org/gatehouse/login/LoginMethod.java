package org.gatehouse.login;

import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObject;
import org.gatehouse.user.User;

/**
 * One login type of {@code POST /login} (spec: "Login"), a CDI bean keyed by the spec's type.
 */
public interface LoginMethod {

    /** The spec's login type, e.g. {@code m.login.password}. */
    String type();

    /** Whether the method is offered now; a disabled method is neither advertised nor accepted. */
    default boolean enabled() {
        return true;
    }

    /** The entry advertised by {@code GET /login}. */
    default JsonObject flow() {
        return JSONP.createObjectBuilder().add("type", type()).build();
    }

    /**
     * The user the request proves to be.
     *
     * @throws org.gatehouse.http.error.MatrixException 403 {@code M_FORBIDDEN} for credentials
     *         that do not prove any user (the same answer whatever the reason), 403
     *         {@code M_USER_DEACTIVATED} for correct credentials of a deactivated account, 400 for
     *         a malformed request
     */
    User authenticate(LoginRequest request);
}
