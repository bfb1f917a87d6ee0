package org.gatehouse.http;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import org.gatehouse.config.TrustedProxiesConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * Per-request facts that filters establish and services read: the authenticated
 * {@link Requester} (set by {@link AccessTokenFilter} on endpoints marked {@link Authenticated})
 * and the client's address (worked out when first asked for, so that requests that never ask,
 * such as {@code /versions}, pay nothing for it).
 */
@RequestScoped
public class RequestContext {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    HttpServletRequest servletRequest;

    @Inject
    TrustedProxiesConfig proxies;

    private Requester requester;
    private MatrixException authenticationFailure;
    private String clientAddress;
    private boolean clientAddressKnown;
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

    /**
     * The client's IP address: the connection's peer, or the hop {@link ForwardedFor} picks from
     * {@code X-Forwarded-For} when the peer is one of {@code gatehouse.http.trusted-proxies};
     * {@code null} outside an HTTP request.
     */
    public String clientAddress() {
        if (!clientAddressKnown) {
            clientAddress = clientAddressOfRequest();
            clientAddressKnown = true;
        }
        return clientAddress;
    }

    private String clientAddressOfRequest() {
        String peer;
        try {
            peer = servletRequest.getRemoteAddr();
        } catch (IllegalStateException | UnsupportedOperationException noHttpRequest) {
            return null;
        }
        Enumeration<String> forwardedFor = servletRequest.getHeaders(FORWARDED_FOR);
        return ForwardedFor.clientAddress(peer, forwardedFor == null ? null : Collections.list(forwardedFor),
                proxies.trustedProxies());
    }
}
