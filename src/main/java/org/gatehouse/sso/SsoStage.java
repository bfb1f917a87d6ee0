package org.gatehouse.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gatehouse.config.SsoConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.uia.UiaSessionView;
import org.gatehouse.uia.UiaStage;

/**
 * The {@code m.login.sso} User-Interactive Authentication stage (spec: "SSO during
 * User-Interactive Authentication"), offered to accounts linked to an identity provider. It is
 * completed only by the fallback page's round trip to the provider ({@link SsoReauthentication},
 * which proves the same subject signed in again); a client that submits
 * {@code {"type": "m.login.sso"}} itself gets the 401 challenge again.
 */
@ApplicationScoped
public class SsoStage implements UiaStage {

    static final String TYPE = "m.login.sso";

    @Inject
    SsoConfig config;

    @Inject
    SsoLinks links;

    private final Set<String> proving = ConcurrentHashMap.newKeySet();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean reauthenticates(long userRef) {
        return config.enabled() && links.hasAny(userRef);
    }

    @Override
    public void attempt(JsonObject auth, UiaSessionView session) {
        if (!proving.contains(session.sessionId())) {
            throw new MatrixException(401, ErrCode.M_UNAUTHORIZED,
                    "Complete m.login.sso in a browser through /auth/m.login.sso/fallback/web");
        }
    }

    /** Runs {@code completion} (which attempts this stage in {@code sessionId}) as proven by the provider's callback. */
    void proven(String sessionId, Runnable completion) {
        proving.add(sessionId);
        try {
            completion.run();
        } finally {
            proving.remove(sessionId);
        }
    }
}
