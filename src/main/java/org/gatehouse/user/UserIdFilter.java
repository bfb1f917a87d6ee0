package org.gatehouse.user;

import java.util.Locale;

/**
 * "The full user ID contains {@code text}" (Synapse's {@code user_id} list filter), turned into a condition on
 * the localpart alone, so that the query needs no concatenation ({@link UserSearchSql}). A full user ID is {@code @localpart:server}, and a
 * localpart holds neither {@code @} nor {@code :}, so where {@code text} can sit in it is decided here:
 * within the server name (every account matches), ending or starting at the localpart's boundaries, or
 * inside the localpart. Comparison is case-insensitive.
 *
 * @param kind    whether every account, none, or those whose lowercased localpart is {@code like} {@link #pattern} match
 * @param pattern a {@code like} pattern ({@code !} escapes, see {@link #escape}) when {@code kind} is {@link Kind#LIKE}, else {@code null}
 */
public record UserIdFilter(Kind kind, String pattern) {

    /** What the filter keeps. */
    public enum Kind { ALL, NONE, LIKE }

    private static final UserIdFilter ALL = new UserIdFilter(Kind.ALL, null);
    private static final UserIdFilter NONE = new UserIdFilter(Kind.NONE, null);

    /** The filter of user IDs on {@code serverName} that contain {@code text}. */
    public static UserIdFilter containing(String text, String serverName) {
        String wanted = text.toLowerCase(Locale.ROOT);
        String tail = ":" + serverName.toLowerCase(Locale.ROOT);
        if (tail.contains(wanted)) {
            return ALL;
        }
        int at = wanted.indexOf('@');
        if (at > 0 || wanted.indexOf('@', at + 1) >= 0) {
            return NONE;
        }
        String rest = at == 0 ? wanted.substring(1) : wanted;
        int colon = rest.indexOf(':');
        if (colon >= 0 && !tail.startsWith(rest.substring(colon))) {
            return NONE;
        }
        String localpart = colon >= 0 ? rest.substring(0, colon) : rest;
        String like = escape(localpart);
        return new UserIdFilter(Kind.LIKE, (at == 0 ? "" : "%") + like + (colon >= 0 ? "" : "%"));
    }

    /** {@code text} as a {@code like} pattern matching itself, with {@code !} as the escape character. */
    public static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
