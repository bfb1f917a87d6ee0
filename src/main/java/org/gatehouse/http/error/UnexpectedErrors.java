package org.gatehouse.http.error;

import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer to a failure nobody planned for: 500 {@code M_UNKNOWN} whose message carries only an
 * incident id; the exception itself is logged under that id, never sent to the client.
 */
final class UnexpectedErrors {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrors.class.getName());

    private UnexpectedErrors() {
    }

    static Response respond(Throwable failure) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
        return ErrorBody.of(500, ErrCode.M_UNKNOWN, "Internal server error (incident " + incident + ")");
    }
}
