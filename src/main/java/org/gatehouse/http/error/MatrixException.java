package org.gatehouse.http.error;

import jakarta.ws.rs.WebApplicationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one failure type of Gatehouse: an HTTP status, a Matrix error code, a human-readable
 * message and optional extra top-level fields of the error body (for example
 * {@code soft_logout} or {@code retry_after_ms}). {@link MatrixExceptionMapper} writes it as the
 * spec's standard error response.
 *
 * <p>It extends {@link WebApplicationException} so that JAX-RS runtimes propagate it unchanged
 * from message body readers and filters as well as from resources.
 */
public class MatrixException extends WebApplicationException {

    private final int status;
    private final ErrCode errCode;
    private final transient Map<String, Object> extra;

    public MatrixException(int status, ErrCode errCode, String message) {
        this(status, errCode, message, Map.of());
    }

    public MatrixException(int status, ErrCode errCode, String message, Map<String, Object> extra) {
        super(message, null, status);
        this.status = status;
        this.errCode = errCode;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** The HTTP status code of the response. */
    public int status() {
        return status;
    }

    /** The Matrix error code. */
    public ErrCode errCode() {
        return errCode;
    }

    /** Additional top-level fields of the error body, in insertion order; never {@code null}. */
    public Map<String, Object> extra() {
        return extra;
    }

    /**
     * Whether the body carries {@code errcode} and {@code error}: true for every error except the
     * User-Interactive Authentication challenge, whose 401 body is only the UIA fields.
     */
    public boolean carriesErrorFields() {
        return true;
    }

    public static MatrixException badJson(String message) {
        return new MatrixException(400, ErrCode.M_BAD_JSON, message);
    }

    public static MatrixException missingParam(String message) {
        return new MatrixException(400, ErrCode.M_MISSING_PARAM, message);
    }

    public static MatrixException invalidParam(String message) {
        return new MatrixException(400, ErrCode.M_INVALID_PARAM, message);
    }

    public static MatrixException forbidden(String message) {
        return new MatrixException(403, ErrCode.M_FORBIDDEN, message);
    }

    public static MatrixException notFound(String message) {
        return new MatrixException(404, ErrCode.M_NOT_FOUND, message);
    }

    /**
     * 401 {@code M_USER_LOCKED} with {@code soft_logout: true}: what a locked account is answered
     * on every endpoint but logout, and on login and refresh (spec: "Account locking").
     */
    public static MatrixException userLocked() {
        return new MatrixException(401, ErrCode.M_USER_LOCKED, "This account has been locked", Map.of("soft_logout", true));
    }
}
