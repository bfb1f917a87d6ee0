package org.gatehouse.http;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * Per-request facts that filters establish and services read: the authenticated
 * {@link Requester} (set by {@link AccessTokenFilter} on endpoints marked {@link Authenticated})
 * and the client's address.
 */
@RequestScoped
public class RequestContext {

    private Requester requester;
    private MatrixException authenticationFailure;
    private String clientAddress;
    private JsonObject body;

    /**
     * The requester of an {@link Authenticated} endpoint; never {@code null} there. On an
     * {@link OptionallyAuthenticated} endpoint, the requester when the request's access token was
     * accepted.
     *
     * @throws MatrixException why the presented token was refused on an
     *         {@link OptionallyAuthenticated} endpoint, or 401 {@code M_MISSING_TOKEN} when no token
     *         was presented
     */
    public Requester requester() {
        if (requester == null) {
            if (authenticationFailure != null) {
                throw authenticationFailure;
            }
            throw new MatrixException(401, ErrCode.M_MISSING_TOKEN, "Missing access token");
        }
        return requester;
    }

    /**
     * On an {@link OptionallyAuthenticated} endpoint whose operation may be made without a token:
     * the requester when a token was presented and accepted, empty when none was presented.
     *
     * @throws MatrixException why a presented token was refused
     */
    public Optional<Requester> presentedRequester() {
        if (requester == null && authenticationFailure != null) {
            throw authenticationFailure;
        }
        return Optional.ofNullable(requester);
    }

    public Optional<Requester> optionalRequester() {
        return Optional.ofNullable(requester);
    }

    void authenticate(Requester requester) {
        this.requester = requester;
    }

    void authenticationFailed(MatrixException failure) {
        this.authenticationFailure = failure;
    }

    /**
     * The request's JSON body as parsed by {@link JsonRequestReader}, for the few services that
     * need the whole object (User-Interactive Authentication binds a session to it).
     */
    public JsonObject body() {
        return body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
    }

    void body(JsonObject body) {
        this.body = body;
    }

    /** The client's IP address as the connection reports it, or {@code null} when unknown. */
    public String clientAddress() {
        return clientAddress;
    }

    void clientAddress(String clientAddress) {
        this.clientAddress = clientAddress;
    }
}
