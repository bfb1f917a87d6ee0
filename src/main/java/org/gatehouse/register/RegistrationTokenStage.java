package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;
import org.gatehouse.uia.UiaSessionView;
import org.gatehouse.uia.UiaStage;

/**
 * {@code m.login.registration_token} (spec: "Token-authenticated registration"), valid for
 * registration only. {@code auth.token} must name a token that is usable now
 * ({@link RegistrationTokens}); completing the stage reserves a use of it for the session, and the
 * registration succeeding in that session completes the use.
 *
 * <p>Guessing is throttled as on the validity endpoint: every attempt, on the API or the fallback
 * page, takes a token from the client address's {@link LimitName#REGISTRATION_TOKEN_VALIDITY}
 * bucket, and a session's failed attempts are capped by
 * {@link LimitName#REGISTRATION_TOKEN_SESSION_FAILURES}, so that many addresses sharing one session
 * get no further; either answers 429 {@code M_LIMIT_EXCEEDED}.
 * <ul>
 *   <li>no {@code token} → 400 {@code M_MISSING_PARAM}; not a string → 400 {@code M_INVALID_PARAM};</li>
 *   <li>unknown, expired or used up → 401 {@code M_UNAUTHORIZED} with the flows (a failed attempt);</li>
 *   <li>in a session that acts for a user (not a registration) → 400 {@code M_UNRECOGNIZED}.</li>
 * </ul>
 */
@ApplicationScoped
public class RegistrationTokenStage implements UiaStage {

    static final String TYPE = "m.login.registration_token";

    @Inject
    RegistrationTokens tokens;

    @Inject
    RateLimiter limits;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void attempt(JsonObject auth, UiaSessionView session) {
        if (session.userRef() != null) {
            throw new MatrixException(400, ErrCode.M_UNRECOGNIZED, TYPE + " is only valid for registration");
        }
        JsonValue token = auth.get("token");
        if (token == null || token.getValueType() == JsonValue.ValueType.NULL) {
            throw MatrixException.missingParam("Missing registration token");
        }
        if (!(token instanceof JsonString text)) {
            throw MatrixException.invalidParam("Registration token must be a string");
        }
        limits.consume(LimitName.REGISTRATION_TOKEN_VALIDITY);
        limits.check(LimitName.REGISTRATION_TOKEN_SESSION_FAILURES, session.sessionId());
        if (!tokens.reserve(text.getString(), session.sessionId())) {
            limits.recordFailure(LimitName.REGISTRATION_TOKEN_SESSION_FAILURES, session.sessionId());
            throw new MatrixException(401, ErrCode.M_UNAUTHORIZED, "Invalid registration token");
        }
    }

    @Override
    public void onOperationSucceeded(UiaSessionView session) {
        tokens.complete(session.sessionId());
    }
}
