package org.gatehouse.http.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Anything not mapped elsewhere: 500 {@code M_UNKNOWN} with no internals (see {@link UnexpectedErrors}). */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable exception) {
        return UnexpectedErrors.respond(exception);
    }
}
