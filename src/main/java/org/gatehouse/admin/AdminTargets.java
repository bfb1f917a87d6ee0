package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;

/**
 * The account an admin request names by its full user ID (path parameter {@code userId}). Callers
 * run inside a transaction and have checked that the requester is an admin.
 */
@ApplicationScoped
public class AdminTargets {

    @Inject
    UserRepository users;

    @Inject
    ServerConfig server;

    /**
     * The local user ID {@code userId} names.
     *
     * @throws MatrixException 400 {@code M_INVALID_PARAM} when it is not a user ID or not one of
     *         this server's
     */
    UserId localId(String userId) {
        UserId parsed = UserId.parse(userId)
                .orElseThrow(() -> MatrixException.invalidParam("Not a valid user ID: " + userId));
        if (!parsed.isLocalTo(server.serverName())) {
            throw MatrixException.invalidParam("User does not belong to the local server.");
        }
        return parsed;
    }

    /**
     * The account {@code userId} names, deactivated or not.
     *
     * @throws MatrixException 400 {@code M_INVALID_PARAM} as {@link #localId}; 404
     *         {@code M_NOT_FOUND} when there is no such account
     */
    User find(String userId) {
        return users.findByLocalpart(localId(userId).localpart())
                .orElseThrow(() -> MatrixException.notFound("User not found."));
    }

    /**
     * The live account {@code userId} names.
     *
     * @throws MatrixException as {@link #find}, and 404 {@code M_NOT_FOUND} when it is deactivated
     */
    User findLive(String userId) {
        User user = find(userId);
        if (user.deactivated()) {
            throw MatrixException.notFound("User not found.");
        }
        return user;
    }

    /** The full user ID of {@code user}. */
    String userId(User user) {
        return new UserId(user.localpart(), server.serverName()).toString();
    }
}
