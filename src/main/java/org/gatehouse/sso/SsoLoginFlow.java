package org.gatehouse.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.SsoConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.infra.UniqueViolations;
import org.gatehouse.token.OpaqueTokens;
import org.gatehouse.user.LocalpartRules;

/**
 * Single sign-on login through an OpenID Connect provider (spec: "SSO client login"): {@link #start}
 * makes the redirect to the provider and the browser binding; {@link #finish} handles the
 * provider's callback and yields where the browser goes next, with a login token.
 */
@ApplicationScoped
public class SsoLoginFlow {

    /** The callback path, the same for every provider (relative to the public base URL). */
    public static final String CALLBACK_PATH = "_gatehouse/client/oidc/callback";

    private static final Pattern OAUTH_ERROR = Pattern.compile("[a-z_]{1,64}");

    /** Where to send the browser, and the cookie that binds the attempt to it. */
    public record Started(URI location, String binding) {
    }

    /** How a login callback ends: {@link Finished}, or {@link ChoosingUsername}. */
    public sealed interface Outcome permits Finished, ChoosingUsername {
    }

    /** A finished login: the user, where the browser goes, and whether that client is trusted. */
    public record Finished(String userId, String target, boolean trusted) implements Outcome {
    }

    /**
     * A first login that waits for its user to choose a username on the picker: the form's session
     * token, the browser's new binding cookie, the name to suggest, and the provider's name.
     */
    public record ChoosingUsername(String session, String binding, String suggestion, String providerName)
            implements Outcome {
    }

    @Inject
    OidcProviders providers;

    @Inject
    SsoAttempts attempts;

    @Inject
    SsoSignIn signIn;

    @Inject
    SsoUsernameChoices choices;

    @Inject
    SsoConfig config;

    @Inject
    ServerConfig server;

    @Inject
    SecureRandom random;

    @Inject
    Audit audit;

    /**
     * Starts a sign-in at {@code provider} that ends at {@code redirectUrl} (a login) or completes
     * UIA session {@code uiaSession} (a re-authentication); exactly one of them is set.
     *
     * @throws SsoFailure 502 when the provider's metadata cannot be fetched
     */
    Started start(OidcProvider provider, String redirectUrl, String uiaSession) {
        String state = OpaqueTokens.randomPart(random);
        String binding = OpaqueTokens.randomPart(random);
        String nonce = OpaqueTokens.randomPart(random);
        String verifier = OpaqueTokens.randomPart(random) + OpaqueTokens.randomPart(random);
        URI location = provider.authorizationUrl(callback(), state, nonce, verifier);
        attempts.store(state, binding, new PendingSso(provider.settings().id(), nonce, verifier, redirectUrl, uiaSession),
                config.attemptLifetime());
        return new Started(location, binding);
    }

    /**
     * Verifies the provider's callback and signs the identity in.
     *
     * @param binding the browser's binding cookie, or {@code null}
     * @throws SsoFailure for an unknown, expired, used or foreign {@code state} (400), an error
     *         reported by the provider, a code it refuses or an ID token that fails validation
     *         (403), a refused mapping (403), an unreachable provider (502)
     */
    public Callback callback(String state, String code, String error, String binding) {
        PendingSso pending = attempts.take(state, binding).orElseThrow(() -> {
            audit.loginFailed(null, "m.login.sso", "unknown_state");
            return new SsoFailure(400, "Sign-in expired", "This sign-in was already completed, has expired, or was "
                    + "started in another browser. Please start again from your application.");
        });
        OidcProvider provider = providers.find(pending.providerId()).orElseThrow(() -> new SsoFailure(400,
                "Unknown identity provider", "This identity provider is no longer configured. Please start again."));
        if (error != null) {
            audit.loginFailed(null, "m.login.sso", "idp_error");
            String shown = OAUTH_ERROR.matcher(error).matches() ? " (" + error + ")" : "";
            throw new SsoFailure(403, "Sign-in failed", "The identity provider did not sign you in" + shown + ".");
        }
        if (code == null || code.isEmpty() || code.length() > 2048) {
            throw new SsoFailure(400, "Sign-in failed", "The identity provider's answer carried no authorization code.");
        }
        IdpIdentity identity;
        try {
            identity = provider.redeem(code, callback(), pending.codeVerifier(), pending.nonce());
        } catch (SsoFailure failure) {
            audit.loginFailed(null, "m.login.sso", "idp_answer_rejected");
            throw failure;
        }
        return new Callback(provider, pending, identity);
    }

    /** A verified callback: the provider, what was pending, and who the provider says signed in. */
    public record Callback(OidcProvider provider, PendingSso pending, IdpIdentity identity) {

        /** Whether the callback ends a UIA re-authentication rather than a login. */
        public boolean reauthentication() {
            return pending.uiaSession() != null;
        }
    }

    /**
     * Ends a login callback: the account, its login token, and where the browser goes; or, when
     * the provider lets its users choose their username and the templated one cannot be used, the
     * pending choice (stored for {@link SsoConfig#attemptLifetime()}).
     */
    public Outcome login(Callback callback) {
        SsoSignIn.SignedIn signedIn;
        try {
            signedIn = signInRetryingALostRace(callback);
        } catch (SsoFailure refused) {
            audit.loginFailed(null, "m.login.sso", "mapping_refused");
            throw refused;
        } catch (UsernameChoiceNeeded choice) {
            String session = OpaqueTokens.randomPart(random);
            String binding = OpaqueTokens.randomPart(random);
            choices.store(session, binding, callback.identity(), callback.pending().redirectUrl(), config.attemptLifetime());
            return new ChoosingUsername(session, binding, choice.suggestion(), callback.provider().settings().name());
        }
        return finished(signedIn, callback.pending().redirectUrl());
    }

    /**
     * Ends a username choice: makes the account named {@code username} (after
     * {@link LocalpartRules#normalise}) for the identity pending under {@code session}, bound to
     * the browser's cookie {@code binding}.
     *
     * @throws UsernameChoiceNeeded when the name cannot be used (the choice stays pending)
     * @throws SsoFailure 400 when no such choice is pending for this browser (unknown, used, expired)
     */
    public Finished chooseUsername(String session, String binding, String username) {
        SsoUsernameChoice choice = choices.find(session, binding).orElseThrow(() -> new SsoFailure(400, "Sign-in expired",
                "This username choice was already completed, has expired, or was started in another browser. "
                        + "Please start again from your application."));
        OidcProvider provider = providers.find(choice.identity().providerId()).orElseThrow(() -> new SsoFailure(400,
                "Unknown identity provider", "This identity provider is no longer configured. Please start again."));
        String localpart = username == null ? "" : LocalpartRules.normalise(username.strip());
        return finished(signIn.signInChosen(provider.settings(), choice, localpart), choice.redirectUrl());
    }

    private Finished finished(SsoSignIn.SignedIn signedIn, String redirectUrl) {
        String target = RedirectUrls.withLoginToken(redirectUrl, signedIn.loginToken());
        boolean trusted = RedirectUrls.trusted(redirectUrl, config.clientWhitelist())
                || redirectUrl.startsWith(publicBase() + "_matrix/static/client/login/");
        return new Finished(signedIn.userId(), target, trusted);
    }

    /**
     * Signs the callback's identity in. Of several first logins of one person at once, one makes
     * the account and its link; the others, whose transactions lose the race on a unique key (the
     * localpart: 400 {@code M_USER_IN_USE}; or the link), sign in again in a new transaction and
     * find the link the first one committed.
     */
    private SsoSignIn.SignedIn signInRetryingALostRace(Callback callback) {
        return UniqueViolations.retryOnceIf(
                e -> e instanceof MatrixException matrix ? matrix.errCode() == ErrCode.M_USER_IN_USE : UniqueViolations.causedBy(e),
                () -> signIn.signIn(callback.provider().settings(), callback.identity()));
    }

    /** The absolute callback URL registered at every provider. */
    public URI callback() {
        return URI.create(publicBase() + CALLBACK_PATH);
    }

    private String publicBase() {
        String base = server.publicBaseUrl();
        return base.endsWith("/") ? base : base + "/";
    }
}
