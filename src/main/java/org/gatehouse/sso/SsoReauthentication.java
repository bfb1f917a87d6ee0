package org.gatehouse.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.gatehouse.http.JsonMapping;
import org.gatehouse.uia.UiaService;
import org.gatehouse.uia.UiaSessionView;

/**
 * SSO re-authentication for User-Interactive Authentication (spec: "SSO during User-Interactive
 * Authentication"): which providers can re-authenticate a session's user, and the end of the
 * round trip, which completes {@code m.login.sso} in the session only when the provider signed in
 * the <em>same</em> subject that is linked to the session's account.
 */
@ApplicationScoped
public class SsoReauthentication {

    @Inject
    UiaService uia;

    @Inject
    SsoLinks links;

    @Inject
    OidcProviders providers;

    @Inject
    SsoStage stage;

    /** The active session {@code sessionId} of an existing account, and its account's configured providers. */
    @Transactional
    public Optional<Target> target(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 255) {
            return Optional.empty();
        }
        return uia.activeSession(sessionId).filter(session -> session.userRef() != null)
                .map(session -> new Target(session, links.providersOf(session.userRef()).stream()
                        .flatMap(id -> providers.find(id).stream()).toList()));
    }

    /** A session to re-authenticate and the providers that can do it. */
    record Target(UiaSessionView session, List<OidcProvider> providers) {
    }

    /**
     * Completes {@code m.login.sso} in the callback's UIA session.
     *
     * @throws SsoFailure 400 when the session is gone, 403 when the provider signed in another subject
     */
    @Transactional(dontRollbackOn = SsoFailure.class)
    public void complete(SsoLoginFlow.Callback callback) {
        String sessionId = callback.pending().uiaSession();
        UiaSessionView session = uia.activeSession(sessionId).filter(found -> found.userRef() != null)
                .orElseThrow(() -> new SsoFailure(400, "Session not found", "This authentication session is unknown or "
                        + "has expired. Return to the application and start again."));
        Optional<Long> linked = links.userOf(callback.provider().settings().id(), callback.identity().subject());
        if (linked.isEmpty() || !linked.get().equals(session.userRef())) {
            throw new SsoFailure(403, "Different account", "You signed in at the identity provider as someone other "
                    + "than the owner of this Matrix account, so the operation was not confirmed.");
        }
        JsonObject auth = JsonMapping.JSONP.createObjectBuilder().add("type", SsoStage.TYPE).add("session", sessionId).build();
        stage.proven(sessionId, () -> uia.completeStageForFallback(sessionId, SsoStage.TYPE, auth));
    }
}
