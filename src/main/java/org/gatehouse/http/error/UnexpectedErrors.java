package org.gatehouse.http.error;

import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer to a failure nobody planned for: 500 {@code M_UNKNOWN} whose message carries only an
 * incident id; the exception itself is logged under that id, never sent to the client. A failure
 * caused by an unreachable database ({@link DatabaseOutage}) is no bug: it is answered 503
 * {@code M_UNKNOWN} with {@code Retry-After} and logged in one line, without a stack trace, so an
 * outage under load does not flood the log.
 */
final class UnexpectedErrors {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrors.class.getName());

    private UnexpectedErrors() {
    }

    static Response respond(Throwable failure) {
        if (DatabaseOutage.isCause(failure)) {
            LOG.warning(() -> "Database unreachable, answering 503: " + rootMessage(failure));
            return ErrorBody.of(DatabaseOutage.unavailable());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
        return ErrorBody.of(500, ErrCode.M_UNKNOWN, "Internal server error (incident " + incident + ")");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
