package org.gatehouse.user;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Matrix user ID {@code @localpart:server_name} (spec: Appendices, "Identifier Grammar", "User
 * Identifiers").
 *
 * <p>Every instance holds a localpart that {@link LocalpartRules#isValidForLookup(String)} accepts
 * (the historical grammar, so that existing accounts can still be named), a server name that
 * matches the spec's "Server Name" grammar, and the whole ID is at most {@value #MAX_BYTES} bytes
 * of UTF-8. The stricter grammar for new accounts is {@link LocalpartRules#validateForRegistration}.
 *
 * @param localpart  the part between {@code @} and the first {@code :}
 * @param serverName the server name, compared case-sensitively as the spec requires
 */
public record UserId(String localpart, String serverName) {

    /** "The length of a user ID, including the {@code @} sigil and the domain, MUST NOT exceed 255 bytes." */
    public static final int MAX_BYTES = 255;

    /**
     * Appendix "Server Name": a DNS name or IPv4 literal, or a bracketed IPv6 literal, then an
     * optional port of one to five digits.
     */
    private static final Pattern SERVER_NAME = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9.-]{1,255})(:[0-9]{1,5})?");

    /**
     * @throws NullPointerException     if either part is {@code null}
     * @throws IllegalArgumentException if the localpart is not valid for lookup, the server name
     *                                  does not match the server name grammar, or the whole ID is
     *                                  longer than {@value #MAX_BYTES} bytes
     */
    public UserId {
        Objects.requireNonNull(localpart, "localpart");
        Objects.requireNonNull(serverName, "serverName");
        if (!LocalpartRules.isValidForLookup(localpart)) {
            throw new IllegalArgumentException("Not a valid user ID localpart");
        }
        if (!isValidServerName(serverName)) {
            throw new IllegalArgumentException("Not a valid Matrix server name: " + serverName);
        }
        if (byteLength(localpart, serverName) > MAX_BYTES) {
            throw new IllegalArgumentException("User ID longer than " + MAX_BYTES + " bytes");
        }
    }

    /**
     * Parses {@code @localpart:server_name}, splitting at the first colon as the spec tells clients
     * to (the server name may itself contain colons: a port, an IPv6 literal).
     *
     * @param fullId the user ID as given by a client; may be {@code null}
     * @return the user ID, or empty if {@code fullId} is {@code null}, lacks the {@code @} sigil or
     *         the colon, has an empty or otherwise invalid localpart or server name, or is longer
     *         than {@value #MAX_BYTES} bytes
     */
    public static Optional<UserId> parse(String fullId) {
        if (fullId == null || fullId.length() > MAX_BYTES || !fullId.startsWith("@")) {
            return Optional.empty();
        }
        int colon = fullId.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String localpart = fullId.substring(1, colon);
        String serverName = fullId.substring(colon + 1);
        if (!LocalpartRules.isValidForLookup(localpart)
                || !isValidServerName(serverName)
                || byteLength(localpart, serverName) > MAX_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new UserId(localpart, serverName));
    }

    /**
     * Whether {@code serverName} matches the grammar of appendix "Server Name"
     * ({@code hostname [ ":" port ]}). Only the shape is checked, not that IPv4 octets are at most
     * 255 nor that an IPv6 literal is well formed.
     */
    public static boolean isValidServerName(String serverName) {
        return serverName != null && SERVER_NAME.matcher(serverName).matches();
    }

    /** Whether this user was allocated by the server named {@code serverName} (exact, case-sensitive). */
    public boolean isLocalTo(String serverName) {
        return this.serverName.equals(serverName);
    }

    /** The user ID as it appears on the wire: {@code @localpart:server_name}. */
    @Override
    public String toString() {
        return "@" + localpart + ":" + serverName;
    }

    /** The UTF-8 length of {@code @localpart:serverName}. */
    public static int byteLength(String localpart, String serverName) {
        return 2 + localpart.getBytes(StandardCharsets.UTF_8).length
                + serverName.getBytes(StandardCharsets.UTF_8).length;
    }
}
