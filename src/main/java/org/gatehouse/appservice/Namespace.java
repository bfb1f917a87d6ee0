package org.gatehouse.appservice;

import java.util.regex.Pattern;

/**
 * One namespace of a registration (spec: Application Service API, "Registration",
 * {@code namespaces.users}, {@code aliases} or {@code rooms}): a regular expression and whether
 * the service claims it exclusively. As in Synapse, from whose files registrations come, the
 * expression must match at the start of an ID and need not match all of it.
 *
 * @param regex     the compiled {@code regex}
 * @param exclusive {@code exclusive}
 */
public record Namespace(Pattern regex, boolean exclusive) {

    /** Whether {@code id} (a full user ID, alias or room ID) is in this namespace. */
    public boolean matches(String id) {
        return regex.matcher(id).lookingAt();
    }
}
