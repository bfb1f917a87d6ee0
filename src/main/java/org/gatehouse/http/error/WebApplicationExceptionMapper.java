package org.gatehouse.http.error;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the JAX-RS runtime's own failures into Matrix errors, so that no framework message or
 * HTML page reaches a client: no matching path is 404 {@code M_UNRECOGNIZED}, a known path with
 * another method is 405 {@code M_UNRECOGNIZED} (spec: "API Standards"), an unreadable entity is
 * 400 {@code M_NOT_JSON}, and any other client error keeps its status with {@code M_UNKNOWN}.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

    @Override
    public Response toResponse(WebApplicationException exception) {
        if (exception instanceof MatrixException matrix) {
            return ErrorBody.of(matrix);
        }
        if (exception instanceof NotFoundException) {
            return ErrorBody.of(404, ErrCode.M_UNRECOGNIZED, "Unrecognized request");
        }
        if (exception instanceof NotAllowedException) {
            Response response = ErrorBody.of(405, ErrCode.M_UNRECOGNIZED, "Method not allowed for this endpoint");
            String allow = exception.getResponse().getHeaderString("Allow");
            return allow == null ? response : Response.fromResponse(response).header("Allow", allow).build();
        }
        if (exception instanceof NotSupportedException || exception instanceof NotAcceptableException) {
            return ErrorBody.of(exception.getResponse().getStatus(), ErrCode.M_UNRECOGNIZED, "Unsupported media type");
        }
        int status = exception.getResponse().getStatus();
        if (status == 400) {
            return ErrorBody.of(400, ErrCode.M_NOT_JSON, "Content not JSON");
        }
        if (status >= 500) {
            return UnexpectedErrors.respond(exception);
        }
        LOG.log(Level.FINE, "Client error from the JAX-RS runtime", exception);
        return ErrorBody.of(status, ErrCode.M_UNKNOWN, "Request could not be processed");
    }
}
