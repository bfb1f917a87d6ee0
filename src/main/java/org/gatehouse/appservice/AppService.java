package org.gatehouse.appservice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.gatehouse.user.UserId;

/**
 * One application service registration (spec: Application Service API, "Registration"), as
 * loaded from its file. It holds no secret: only the SHA-256 of its {@code as_token} and
 * {@code hs_token} ({@link org.gatehouse.token.TokenHashes}), compared in constant time.
 *
 * @param id               {@code id}
 * @param url              {@code url}, or {@code null} when the service receives no traffic
 * @param sender           the user of {@code sender_localpart} on this server
 * @param users            {@code namespaces.users}
 * @param aliases          {@code namespaces.aliases}
 * @param rooms            {@code namespaces.rooms}
 * @param rateLimited      {@code rate_limited} (true when absent)
 * @param protocols        {@code protocols}
 * @param receiveEphemeral {@code receive_ephemeral} (false when absent)
 * @param source           the file the registration came from
 */
public record AppService(String id, String url, UserId sender, List<Namespace> users, List<Namespace> aliases,
                         List<Namespace> rooms, boolean rateLimited, List<String> protocols, boolean receiveEphemeral,
                         String source, TokenHashPair tokenHashes) {

    /** The lowercase hex SHA-256 of the registration's two tokens. */
    public record TokenHashPair(String asToken, String hsToken) {
    }

    /**
     * Whether the service may act for {@code user}: a local user that is its sender or in one of
     * its user namespaces, exclusive or not ("interested in", in the spec's words).
     */
    public boolean covers(UserId user) {
        return user.isLocalTo(sender.serverName())
                && (user.equals(sender) || users.stream().anyMatch(namespace -> namespace.matches(user.toString())));
    }

    /** Whether the service claims {@code user} for itself alone: its sender or an exclusive user namespace. */
    public boolean claimsExclusively(UserId user) {
        return user.isLocalTo(sender.serverName())
                && (user.equals(sender) || users.stream().anyMatch(namespace -> namespace.exclusive()
                        && namespace.matches(user.toString())));
    }

    /** Whether {@code tokenHash} is the hash of this service's {@code as_token}, compared in constant time. */
    boolean hasAsTokenHash(byte[] tokenHash) {
        return MessageDigest.isEqual(tokenHashes.asToken().getBytes(StandardCharsets.US_ASCII), tokenHash);
    }

    @Override
    public String toString() {
        return "AppService[" + id + " from " + source + "]";
    }
}
