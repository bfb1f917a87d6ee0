package org.gatehouse.login;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Optional;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.UserId;

/**
 * Resolves the user a login names (spec: "Identifier types"): an {@code m.id.user} identifier
 * or the deprecated top-level {@code user}, holding a localpart or a full user ID, compared
 * case-insensitively.
 */
final class UserIdentifiers {

    private UserIdentifiers() {
    }

    /**
     * The lowercased localpart named, or empty when the name cannot be a local user (another
     * server, invalid syntax, a third-party identifier: Gatehouse stores no 3PIDs).
     *
     * @throws MatrixException 400 {@code M_MISSING_PARAM} when no user is named; 400
     *         {@code M_UNKNOWN} for an identifier type the spec does not define
     */
    static Optional<String> localpart(JsonObject identifier, String deprecatedUser, String serverName) {
        String named;
        if (identifier != null) {
            String type = string(identifier, "type");
            if ("m.id.thirdparty".equals(type) || "m.id.phone".equals(type)) {
                return Optional.empty();
            }
            if (!"m.id.user".equals(type)) {
                throw new MatrixException(400, ErrCode.M_UNKNOWN, "Unknown identifier type");
            }
            named = string(identifier, "user");
        } else {
            named = deprecatedUser;
        }
        if (named == null) {
            throw MatrixException.missingParam("Missing parameter: identifier.user");
        }
        return toLocalpart(named, serverName);
    }

    private static Optional<String> toLocalpart(String named, String serverName) {
        if (!named.startsWith("@")) {
            return lookupable(named.toLowerCase(Locale.ROOT));
        }
        return UserId.parse(named)
                .filter(id -> id.serverName().equalsIgnoreCase(serverName))
                .flatMap(id -> lookupable(id.localpart().toLowerCase(Locale.ROOT)));
    }

    private static Optional<String> lookupable(String localpart) {
        return LocalpartRules.isValidForLookup(localpart) ? Optional.of(localpart) : Optional.empty();
    }

    private static String string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw MatrixException.badJson("identifier." + key + " must be a string");
    }
}
