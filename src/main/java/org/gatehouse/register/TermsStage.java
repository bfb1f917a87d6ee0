package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.gatehouse.config.TermsConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.uia.UiaSessionView;
import org.gatehouse.uia.UiaStage;

/**
 * {@code m.login.terms} (spec: "Terms of service at registration"), valid for registration only.
 * Its params are the configured policies ({@link TermsConfig}, {@code m.login.terms_params}); the
 * client presents them and submits the stage to accept them all, which always succeeds. In a
 * session that acts for a user it is 400 {@code M_UNRECOGNIZED}.
 */
@ApplicationScoped
public class TermsStage implements UiaStage {

    static final String TYPE = "m.login.terms";

    @Inject
    TermsConfig terms;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<JsonObject> params() {
        return Optional.of(terms.params());
    }

    @Override
    public void attempt(JsonObject auth, UiaSessionView session) {
        if (session.userRef() != null) {
            throw new MatrixException(400, ErrCode.M_UNRECOGNIZED, TYPE + " is only valid for registration");
        }
    }
}
