package org.gatehouse.login;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.gatehouse.credential.Claimant;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.Threepid;
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
     * Who a password login names, for the password backends: an e-mail address
     * ({@code m.id.thirdparty} with medium {@code email}), or a user name, where a full user ID of
     * this server becomes its localpart and a name without {@code @} is kept as given (a directory
     * may know {@code CORP\alice}). Empty when the name cannot be anybody's here (another
     * server, a phone number, another medium, longer than the {@value UserId#MAX_BYTES} bytes a
     * user ID may have). An empty answer is nobody: never a bucket key or a log field.
     *
     * @throws MatrixException 400 {@code M_MISSING_PARAM} when no user or address is named; 400
     *         {@code M_UNKNOWN} for an identifier type the spec does not define
     */
    static Optional<Claimant> claimant(JsonObject identifier, String deprecatedUser, String serverName) {
        if (identifier != null && "m.id.thirdparty".equals(string(identifier, "type"))) {
            String medium = string(identifier, "medium");
            String address = string(identifier, "address");
            if (medium == null || address == null) {
                throw MatrixException.missingParam("Missing parameter: identifier.medium and identifier.address");
            }
            return Threepid.EMAIL.equals(medium) && !overlong(address) ? Optional.of(Claimant.email(address)) : Optional.empty();
        }
        Optional<String> named = named(identifier, deprecatedUser);
        if (named.isEmpty() || overlong(named.get())) {
            return Optional.empty();
        }
        String name = named.get();
        if (!name.startsWith("@")) {
            return name.isBlank() ? Optional.empty() : Optional.of(Claimant.user(name));
        }
        return toLocalpart(name, serverName).map(Claimant::user);
    }

    /**
     * The lowercased localpart named, or empty when the name cannot be a local user (another
     * server, invalid syntax, longer than a user ID may be, a third-party identifier).
     *
     * @throws MatrixException 400 {@code M_MISSING_PARAM} when no user is named; 400
     *         {@code M_UNKNOWN} for an identifier type the spec does not define
     */
    static Optional<String> localpart(JsonObject identifier, String deprecatedUser, String serverName) {
        return named(identifier, deprecatedUser).flatMap(named -> toLocalpart(named, serverName));
    }

    /** The user name of an {@code m.id.user} identifier or the deprecated {@code user}; empty for a third-party identifier. */
    private static Optional<String> named(JsonObject identifier, String deprecatedUser) {
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
        return Optional.of(named);
    }

    private static Optional<String> toLocalpart(String named, String serverName) {
        if (overlong(named)) {
            return Optional.empty();
        }
        if (!named.startsWith("@")) {
            return lookupable(named.toLowerCase(Locale.ROOT), serverName);
        }
        return UserId.parse(named)
                .filter(id -> id.serverName().equalsIgnoreCase(serverName))
                .flatMap(id -> lookupable(id.localpart().toLowerCase(Locale.ROOT), serverName));
    }

    /**
     * The localpart when a local user could have it: valid for lookup, and making a user ID of at
     * most {@value UserId#MAX_BYTES} bytes (the grammar's limit, which no account exceeds).
     */
    private static Optional<String> lookupable(String localpart, String serverName) {
        return LocalpartRules.isValidForLookup(localpart) && UserId.byteLength(localpart, serverName) <= UserId.MAX_BYTES
                ? Optional.of(localpart) : Optional.empty();
    }

    /** Whether {@code name} is longer than any user ID may be ({@value UserId#MAX_BYTES} bytes of UTF-8). */
    private static boolean overlong(String name) {
        return name.length() > UserId.MAX_BYTES || name.getBytes(StandardCharsets.UTF_8).length > UserId.MAX_BYTES;
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
