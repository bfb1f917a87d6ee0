package org.gatehouse.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.gatehouse.config.LoginTokenConfig;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.SsoProviderSettings;
import org.gatehouse.token.LoginTokens;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;

/**
 * The use case "a verified identity signs in": maps it to an account ({@link SsoAccounts}) and
 * issues a single-use {@code m.login.token} login token for it, recording the provider's session
 * for back-channel logout ({@link SsoSessions}), in one transaction, so that an account made or
 * linked here exists exactly when its token does.
 */
@ApplicationScoped
public class SsoSignIn {

    /** The account signed in to and its login token. */
    public record SignedIn(String userId, long userRef, String loginToken) {
    }

    @Inject
    SsoAccounts accounts;

    @Inject
    LoginTokens loginTokens;

    @Inject
    LoginTokenConfig loginTokenConfig;

    @Inject
    ServerConfig server;

    @Inject
    SsoSessions sessions;

    /** @throws SsoFailure when the identity may not sign in (see {@link SsoAccounts#accountFor}) */
    @Transactional(dontRollbackOn = SsoFailure.class)
    public SignedIn signIn(SsoProviderSettings provider, IdpIdentity identity) {
        User user = accounts.accountFor(provider, identity);
        String token = loginTokens.issue(user, loginTokenConfig.lifetime());
        sessions.signedIn(identity, user.id(), token);
        return new SignedIn(new UserId(user.localpart(), server.serverName()).toString(), user.id(), token);
    }
}
