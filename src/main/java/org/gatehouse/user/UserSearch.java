package org.gatehouse.user;

/**
 * A search of accounts for the admin user list ({@link UserRepository#search}).
 *
 * @param name          keep accounts whose localpart or display name contains this (case
 *                      insensitive), or {@code null} for all
 * @param userId        keep accounts whose full user ID contains this (ignored with {@code name}),
 *                      or {@code null}
 * @param serverName    this server's name, to form full user IDs
 * @param guests        include guest accounts
 * @param deactivated   {@code true} only deactivated accounts, {@code false} only live ones,
 *                      {@code null} both
 * @param admins        {@code true} only admins, {@code false} only non-admins, {@code null} both
 * @param locked        include locked accounts
 * @param order         the column to order by
 * @param descending    order descending (ties are always broken by localpart, ascending)
 */
public record UserSearch(String name, String userId, String serverName, boolean guests, Boolean deactivated,
                         Boolean admins, boolean locked, Order order, boolean descending) {

    /** The orderings offered, each a column of {@link User}'s table. */
    public enum Order {
        NAME("localpart"), IS_GUEST("guest"), ADMIN("admin"), DEACTIVATED("deactivated"), DISPLAYNAME("display_name"),
        CREATION_TS("created_at"), LOCKED("locked"), SUSPENDED("suspended");

        final String column;

        Order(String column) {
            this.column = column;
        }
    }
}
