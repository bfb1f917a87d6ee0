package org.gatehouse.uia;

import jakarta.json.JsonObject;
import java.util.Optional;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * One stage type of User-Interactive Authentication (spec: "Authentication types"), a CDI bean
 * keyed by its spec type. {@link UiaService} offers a stage only when a configured flow names it.
 */
public interface UiaStage {

    /** The spec's type, e.g. {@code m.login.dummy}. */
    String type();

    /** What the client needs to attempt this stage, served under {@code params.<type>}; empty for nothing. */
    default Optional<JsonObject> params() {
        return Optional.empty();
    }

    /**
     * Attempts the stage with the client's {@code auth} object.
     *
     * @throws org.gatehouse.http.error.MatrixException with status 401 when the attempt failed and
     *         may be retried (the engine adds the flows and session); any other status ends the
     *         request with that error as it is
     */
    void attempt(JsonObject auth, UiaSessionView session);

    /**
     * Attempts the stage for an operation made without an access token, which acts for whichever
     * user the stage proves (e.g. {@code POST /account/password} without a token, spec:
     * "Password management"): the {@code auth} names the account and proves it.
     *
     * @return database id of the user proven
     * @throws MatrixException as {@link #attempt}; by default 400 {@code M_UNRECOGNIZED}, as a
     *         stage that names no user cannot tell whose account is meant
     */
    default long attemptProvingUser(JsonObject auth, UiaSessionView session) {
        throw new MatrixException(400, ErrCode.M_UNRECOGNIZED, type() + " cannot tell whose account is meant");
    }

    /**
     * Called once when the operation succeeds ({@link UiaService#finish}) in a session where this
     * stage was completed, inside the transaction that records the success; e.g. to turn a
     * reserved use of a registration token into a completed one. Does nothing by default.
     */
    default void onOperationSucceeded(UiaSessionView session) {
    }

    /**
     * Whether this stage can re-authenticate user {@code userRef} for an operation on an existing
     * account, so that {@link ReauthFlows} offers it as a flow of its own beside
     * {@code m.login.password}. False by default.
     */
    default boolean reauthenticates(long userRef) {
        return false;
    }
}
