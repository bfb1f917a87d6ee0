package org.gatehouse.admin;

import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of Synapse's user list, shared by {@code GET /_synapse/admin/v2/users} and
 * {@code v3/users}, which differ only in how they read {@code deactivated}.
 */
public class UserListQuery {

    @QueryParam("from")
    String from;

    @QueryParam("limit")
    String limit;

    @QueryParam("name")
    String name;

    @QueryParam("user_id")
    String userId;

    @QueryParam("guests")
    String guests;

    @QueryParam("deactivated")
    String deactivated;

    @QueryParam("admins")
    String admins;

    @QueryParam("locked")
    String locked;

    @QueryParam("order_by")
    String orderBy;

    @QueryParam("dir")
    String dir;

    /** The raw {@code deactivated} parameter, which each API version reads its own way. */
    String deactivated() {
        return deactivated;
    }

    /** The parsed parameters, with the {@code deactivated} filter the API version derived. */
    UserListParams parse(String serverName, Boolean deactivatedFilter) {
        return UserListParams.parse(serverName, from, limit, name, userId, guests, deactivatedFilter, admins, locked,
                orderBy, dir);
    }
}
