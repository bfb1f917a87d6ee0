package org.gatehouse.admin;

import java.util.Locale;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.UserSearch;

/**
 * The query parameters of Synapse's "List Accounts" ({@code GET /_synapse/admin/v2/users} and
 * {@code v3/users}), parsed as Synapse documents them; anything else is 400
 * {@code M_INVALID_PARAM}.
 *
 * @param from  the offset (default 0)
 * @param limit the page size (default 100, at most {@value #MAX_LIMIT})
 */
record UserListParams(int from, int limit, UserSearch search) {

    static final int MAX_LIMIT = 1000;

    /**
     * @param deactivated the {@code deactivated} filter as the list's version reads it: {@code true}
     *                    only deactivated accounts, {@code false} only live ones, {@code null} both
     */
    static UserListParams parse(String serverName, String from, String limit, String name, String userId, String guests,
                                Boolean deactivated, String admins, String locked, String orderBy, String dir) {
        UserSearch search = new UserSearch(blankToNull(name), blankToNull(userId), serverName,
                QueryParams.bool("guests", guests, true), deactivated, QueryParams.bool("admins", admins, null),
                QueryParams.bool("locked", locked, false), order(orderBy), descending(dir));
        return new UserListParams(QueryParams.nonNegative("from", from, 0),
                Math.min(QueryParams.nonNegative("limit", limit, 100), MAX_LIMIT), search);
    }

    private static UserSearch.Order order(String orderBy) {
        if (orderBy == null) {
            return UserSearch.Order.NAME;
        }
        try {
            return UserSearch.Order.valueOf(orderBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw MatrixException.invalidParam("Unknown or unsupported order_by: " + orderBy);
        }
    }

    private static boolean descending(String dir) {
        if (dir == null || dir.equals("f")) {
            return false;
        }
        if (dir.equals("b")) {
            return true;
        }
        throw MatrixException.invalidParam("Query parameter dir must be one of ['b', 'f']");
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
