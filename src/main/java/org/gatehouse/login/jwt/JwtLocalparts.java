package org.gatehouse.login.jwt;

import java.util.Optional;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.LocalpartRules;

/**
 * How a token's subject names an account (spec: Appendices, "User Identifiers"). The subject is a
 * localpart, not a full user ID. {@code A-Z} become {@code a-z}, the downcasing the spec asks of
 * servers that map other names onto user IDs ({@link LocalpartRules#normalise}); nothing else is
 * changed. An existing account is found under the historical grammar (printable ASCII but
 * {@code :}); a new one is made only when the result follows the grammar of new user IDs.
 */
final class JwtLocalparts {

    private JwtLocalparts() {
    }

    /** The localpart {@code subject} names, or empty when it can name no account. */
    static Optional<String> of(String subject) {
        String localpart = LocalpartRules.normalise(subject);
        return LocalpartRules.isValidForLookup(localpart) ? Optional.of(localpart) : Optional.empty();
    }

    /** Whether a new account may have {@code localpart} on {@code serverName}. */
    static boolean creatable(String localpart, String serverName) {
        try {
            LocalpartRules.validateForRegistration(localpart, serverName);
            return true;
        } catch (MatrixException e) {
            return false;
        }
    }
}
