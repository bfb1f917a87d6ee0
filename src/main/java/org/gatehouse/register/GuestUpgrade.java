package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.IdentityAssertion;
import org.gatehouse.token.TokenService;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.UserId;

/**
 * Upgrading a guest to a full account (spec: "Guest Access": a guest "can also upgrade their
 * account by going through the ordinary {@code register} flow, but specifying the additional POST
 * parameter {@code guest_access_token}"). The account keeps its user ID, devices and sessions; it
 * gains the password of the registration and stops being a guest. {@code username}, which the
 * spec asks the client to set to the guest's localpart, may be omitted; any other username is
 * refused. Its checks run when the request arrives, before User-Interactive Authentication, and
 * again when it completes.
 *
 * <p>Existing access tokens of the guest keep working and show the account as a full one from
 * their next request, on every node (the token cache stops trusting the rows it read of them).
 */
@ApplicationScoped
public class GuestUpgrade {

    @Inject
    TokenService tokens;

    @Inject
    AccountCreator accounts;

    @Inject
    ServerConfig server;

    /**
     * The localpart of the guest that the request's {@code guest_access_token} authenticates;
     * empty when the request has no {@code guest_access_token} (an ordinary registration).
     *
     * @throws MatrixException 403 {@code M_FORBIDDEN} when the token is not the access token of a
     *         live guest, or {@code username} names another account
     */
    public Optional<String> guestLocalpart(RegisterRequest request) {
        if (request.guestAccessToken() == null) {
            return Optional.empty();
        }
        String localpart = UserId.parse(guest(request.guestAccessToken()).userId())
                .map(UserId::localpart)
                .orElseThrow(GuestUpgrade::notAGuest);
        if (request.username() != null && !LocalpartRules.normalise(request.username()).equals(localpart)) {
            throw MatrixException.forbidden("guest_access_token belongs to another user than the username names");
        }
        return Optional.of(localpart);
    }

    /**
     * Checks the request again, then turns the guest into a full account with the password whose
     * hash the registration's UIA session holds, in one statement that only a live guest matches.
     *
     * @param passwordHash the hash of the password some request of the session sent
     * @return the user ID, unchanged
     * @throws MatrixException 400 {@code M_MISSING_PARAM} without a password; 403
     *         {@code M_FORBIDDEN} as {@link #guestLocalpart}, and when the account stopped being a
     *         live guest meanwhile (upgraded by another request, deactivated)
     */
    public String upgrade(RegisterRequest request, Optional<String> passwordHash) {
        String localpart = guestLocalpart(request).orElseThrow(GuestUpgrade::notAGuest);
        String hash = passwordHash.orElseThrow(() -> MatrixException.missingParam("Missing parameter: password"));
        long userRef = guest(request.guestAccessToken()).userRef();
        if (!accounts.upgradeGuest(userRef, hash)) {
            throw notAGuest();
        }
        return new UserId(localpart, server.serverName()).toString();
    }

    /** The guest {@code token} authenticates; 403 for any other token, whatever the reason. */
    private Requester guest(String token) {
        Requester requester;
        try {
            requester = tokens.authenticate(token, IdentityAssertion.NONE);
        } catch (MatrixException refused) {
            throw notAGuest();
        }
        if (!requester.guest() || requester.isAppService()) {
            throw notAGuest();
        }
        return requester;
    }

    private static MatrixException notAGuest() {
        return MatrixException.forbidden("guest_access_token is not the access token of a guest account");
    }
}
