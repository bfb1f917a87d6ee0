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

    @Inject
    SsoUsernameChoices choices;

    /** @throws SsoFailure when the identity may not sign in (see {@link SsoAccounts#accountFor}) */
    @Transactional(dontRollbackOn = SsoFailure.class)
    public SignedIn signIn(SsoProviderSettings provider, IdpIdentity identity) {
        return issue(accounts.accountFor(provider, identity), identity);
    }

    /**
     * Signs in the identity of a pending username {@code choice} with the account it makes under
     * {@code localpart}, using the choice up in the same transaction (so a second submission finds
     * it gone).
     *
     * @throws UsernameChoiceNeeded when {@code localpart} cannot be used (nothing is changed)
     * @throws SsoFailure 400 when the choice was used meanwhile
     */
    @Transactional
    public SignedIn signInChosen(SsoProviderSettings provider, SsoUsernameChoice choice, String localpart) {
        if (!choices.consume(choice)) {
            throw new SsoFailure(400, "Sign-in expired", "This username choice was already completed. Please start again.");
        }
        IdpIdentity identity = choice.identity();
        return issue(accounts.createChosen(provider, identity, localpart), identity);
    }

    private SignedIn issue(User user, IdpIdentity identity) {
        String token = loginTokens.issue(user, loginTokenConfig.lifetime());
        sessions.signedIn(identity, user.id(), token);
        return new SignedIn(new UserId(user.localpart(), server.serverName()).toString(), user.id(), token);
    }
}
