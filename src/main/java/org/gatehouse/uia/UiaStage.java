package org.gatehouse.uia;

import jakarta.json.JsonObject;
import java.util.Optional;

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
     * Called once when the operation succeeds ({@link UiaService#finish}) in a session where this
     * stage was completed, inside the transaction that records the success; e.g. to turn a
     * reserved use of a registration token into a completed one. Does nothing by default.
     */
    default void onOperationSucceeded(UiaSessionView session) {
    }
}
