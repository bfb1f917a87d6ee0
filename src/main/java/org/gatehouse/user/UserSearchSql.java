package org.gatehouse.user;

import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link UserSearch} as plain SQL on {@code gh_user}, run as native queries ({@link UserRepository#search}).
 * Standard SQL, the same on H2 and PostgreSQL: {@code like … escape '!'} with the searched text as a bound
 * pattern ({@link UserIdFilter#escape}), so that {@code % _ ! \} match themselves, and the boolean literals
 * {@code true}/{@code false}.
 * <p>
 * Not JPQL, because EclipseLink (Payara's JPA provider) sends a JPQL query holding {@code like … escape},
 * {@code locate} or a concatenation of constants on H2 without bind parameters, writing its booleans as 0 and 1,
 * which H2 2 refuses to compare with a BOOLEAN column ("Values of types BOOLEAN and INTEGER are not comparable",
 * the list answered 500 on Payara's embedded H2); and Hibernate (WildFly's) gives a {@code like} without
 * {@code escape} no escape character, so escaping needs the clause. Native queries are sent as written, with
 * their parameters bound, by both.
 */
final class UserSearchSql {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();
    private final String orderBy;

    /** The SQL of {@code search} whose user ID filter is {@code byUserId} (not {@link UserIdFilter.Kind#NONE}). */
    UserSearchSql(UserSearch search, UserIdFilter byUserId) {
        if (search.name() != null) {
            String pattern = "%" + UserIdFilter.escape(search.name().toLowerCase(Locale.ROOT)) + "%";
            conditions.add("(lower(localpart) like " + parameter(pattern) + " escape '!'"
                    + " or lower(display_name) like " + parameter(pattern) + " escape '!')");
        } else if (byUserId.kind() == UserIdFilter.Kind.LIKE) {
            conditions.add("lower(localpart) like " + parameter(byUserId.pattern()) + " escape '!'");
        }
        if (!search.guests()) {
            conditions.add("guest = false");
        }
        if (search.deactivated() != null) {
            conditions.add("deactivated = " + parameter(search.deactivated()));
        }
        if (search.admins() != null) {
            conditions.add("admin = " + parameter(search.admins()));
        }
        if (!search.locked()) {
            conditions.add("locked = false");
        }
        orderBy = " order by " + search.order().column + (search.descending() ? " desc" : " asc")
                + (search.order() == UserSearch.Order.NAME ? "" : ", localpart asc");
    }

    /** The ids of the accounts kept, in the order asked for. */
    String selectIds() {
        return "select id from gh_user" + where() + orderBy;
    }

    /** How many accounts are kept. */
    String count() {
        return "select count(*) from gh_user" + where();
    }

    /** {@code query} (made from {@link #selectIds} or {@link #count}) with its parameters bound. */
    Query bind(Query query) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    private String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private String parameter(Object value) {
        parameters.add(value);
        return "?" + parameters.size();
    }
}
