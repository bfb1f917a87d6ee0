package org.gatehouse.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gatehouse.config.TrustedProxiesConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * Per-request facts that filters establish and services read: the authenticated
 * {@link Requester} (set by {@link AccessTokenFilter} on endpoints marked {@link Authenticated}),
 * the client's address and the request's id for log lines (each worked out when first asked for,
 * so that requests that never ask, such as {@code /versions}, pay nothing for them).
 * <p>
 * The facts belong to the HTTP request that the calling thread is serving: {@link RequestBinding}
 * binds a fresh, empty set of them to the thread when a request enters the application and drops
 * it when the request leaves, so nothing a request establishes is ever seen by another one. This
 * bean itself holds nothing and is application-scoped: a request-scoped bean would cost every
 * authenticated request its creation, a context lookup per call and its destruction
 * (docs/benchmarks.md, section 18). Outside an HTTP request (a scheduled task, a hashing thread)
 * there is no requester and no client address.
 */
@ApplicationScoped
public class RequestContext {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final ThreadLocal<Facts> CURRENT = new ThreadLocal<>();

    @Inject
    TrustedProxiesConfig proxies;

    @Inject
    SecureRandom random;

    /** What one request has established so far; only ever touched by the thread serving it. */
    private static final class Facts {
        private final HttpServletRequest request;
        private Requester requester;
        private MatrixException authenticationFailure;
        private String clientAddress;
        private boolean clientAddressKnown;
        private JsonObject body;
        private String requestId;

        private Facts(HttpServletRequest request) {
            this.request = request;
        }
    }

    /** Binds a fresh, empty set of facts about {@code request} to the calling thread. */
    static void bind(HttpServletRequest request) {
        CURRENT.set(new Facts(request));
    }

    /** Drops the facts bound to the calling thread. */
    static void unbind() {
        CURRENT.remove();
    }

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
        Facts facts = CURRENT.get();
        if (facts == null || facts.requester == null) {
            if (facts != null && facts.authenticationFailure != null) {
                throw facts.authenticationFailure;
            }
            throw new MatrixException(401, ErrCode.M_MISSING_TOKEN, "Missing access token");
        }
        return facts.requester;
    }

    /**
     * On an {@link OptionallyAuthenticated} endpoint whose operation may be made without a token:
     * the requester when a token was presented and accepted, empty when none was presented.
     *
     * @throws MatrixException why a presented token was refused
     */
    public Optional<Requester> presentedRequester() {
        Facts facts = CURRENT.get();
        if (facts == null) {
            return Optional.empty();
        }
        if (facts.requester == null && facts.authenticationFailure != null) {
            throw facts.authenticationFailure;
        }
        return Optional.ofNullable(facts.requester);
    }

    /** The requester when the request's access token was accepted; empty otherwise. */
    public Optional<Requester> optionalRequester() {
        Facts facts = CURRENT.get();
        return facts == null ? Optional.empty() : Optional.ofNullable(facts.requester);
    }

    void authenticate(Requester requester) {
        bound().requester = requester;
    }

    void authenticationFailed(MatrixException failure) {
        bound().authenticationFailure = failure;
    }

    /**
     * The request's JSON body as parsed by {@link JsonRequestReader}, for the few services that
     * need the whole object (User-Interactive Authentication binds a session to it).
     */
    public JsonObject body() {
        Facts facts = CURRENT.get();
        return facts == null || facts.body == null ? JsonValue.EMPTY_JSON_OBJECT : facts.body;
    }

    void body(JsonObject body) {
        bound().body = body;
    }

    /**
     * The client's IP address: the connection's peer, or the hop {@link ForwardedFor} picks from
     * {@code X-Forwarded-For} when the peer is one of {@code gatehouse.http.trusted-proxies} (the
     * header is not even read for any other peer); {@code null} outside an HTTP request.
     */
    public String clientAddress() {
        Facts facts = CURRENT.get();
        if (facts == null) {
            return null;
        }
        if (!facts.clientAddressKnown) {
            facts.clientAddress = clientAddressOf(facts.request);
            facts.clientAddressKnown = true;
        }
        return facts.clientAddress;
    }

    private String clientAddressOf(HttpServletRequest request) {
        return ForwardedFor.clientAddress(request.getRemoteAddr(), () -> forwardedFor(request), proxies.trustedProxies());
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders(FORWARDED_FOR);
        return headers == null ? null : Collections.list(headers);
    }

    /**
     * A random identifier of the request, sixteen hex digits made when first asked for and the
     * same for every call within the request, that ties its log lines together; {@code null}
     * outside an HTTP request.
     */
    public String requestId() {
        Facts facts = CURRENT.get();
        if (facts == null) {
            return null;
        }
        if (facts.requestId == null) {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            facts.requestId = HexFormat.of().formatHex(bytes);
        }
        return facts.requestId;
    }

    /**
     * The facts of the request the calling thread serves.
     *
     * @throws IllegalStateException outside an HTTP request: a filter or reader that sets a fact
     *         always runs inside one, so this is a wiring fault, never a client's
     */
    private static Facts bound() {
        Facts facts = CURRENT.get();
        if (facts == null) {
            throw new IllegalStateException("No HTTP request is bound to this thread; is RequestBinding deployed?");
        }
        return facts;
    }
}
