package org.gatehouse.http.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes every {@link MatrixException} as the spec's standard error response. */
@Provider
public class MatrixExceptionMapper implements ExceptionMapper<MatrixException> {

    @Override
    public Response toResponse(MatrixException exception) {
        return ErrorBody.of(exception);
    }
}
