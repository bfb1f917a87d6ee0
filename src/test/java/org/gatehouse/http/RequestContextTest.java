package org.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.gatehouse.config.TrustedProxiesConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.junit.jupiter.api.Test;

/** The facts of one request stay with that request: {@link RequestBinding} and {@link RequestContext}. */
class RequestContextTest {

    private static final Requester ALICE = new Requester(1, "@alice:example.org", 2L, "DEV", 3L,
            false, false, null, false, false);

    private final RequestContext context = contextTrusting();

    @Test
    void aRequestSeesTheRequesterItsFilterEstablished() throws Exception {
        AtomicReference<Requester> seen = new AtomicReference<>();
        new RequestBinding().doFilter(request("192.0.2.1"), response(), (req, res) -> {
            context.authenticate(ALICE);
            seen.set(context.requester());
        });
        assertSame(ALICE, seen.get());
    }

    @Test
    void nothingARequestEstablishedOutlivesIt() throws Exception {
        new RequestBinding().doFilter(request("192.0.2.1"), response(), (req, res) -> context.authenticate(ALICE));

        assertEquals(Optional.empty(), context.optionalRequester());
        MatrixException missing = assertThrows(MatrixException.class, context::requester);
        assertEquals(401, missing.status());
        assertEquals(ErrCode.M_MISSING_TOKEN, missing.errCode());
        assertNull(context.clientAddress());
    }

    @Test
    void theNextRequestOnTheSameThreadStartsEmpty() throws Exception {
        new RequestBinding().doFilter(request("192.0.2.1"), response(), (req, res) -> context.authenticate(ALICE));
        AtomicReference<Optional<Requester>> seen = new AtomicReference<>();
        new RequestBinding().doFilter(request("192.0.2.2"), response(), (req, res) -> seen.set(context.optionalRequester()));
        assertEquals(Optional.empty(), seen.get());
    }

    @Test
    void aRequestThatFailsLeavesNothingBehind() {
        FilterChain failing = (req, res) -> {
            context.authenticate(ALICE);
            throw new IllegalStateException("the application failed");
        };
        assertThrows(IllegalStateException.class, () -> new RequestBinding().doFilter(request("192.0.2.1"), response(), failing));
        assertEquals(Optional.empty(), context.optionalRequester());
    }

    @Test
    void aRefusedTokenIsTheReasonGivenToServicesThatNeedARequester() throws Exception {
        MatrixException refused = new MatrixException(401, ErrCode.M_UNKNOWN_TOKEN, "Unknown access token");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        new RequestBinding().doFilter(request("192.0.2.1"), response(), (req, res) -> {
            context.authenticationFailed(refused);
            thrown.set(assertThrows(MatrixException.class, context::presentedRequester));
        });
        assertSame(refused, thrown.get());
    }

    @Test
    void theClientAddressIsTheCanonicalPeer() throws Exception {
        AtomicReference<String> address = new AtomicReference<>();
        new RequestBinding().doFilter(request("0:0:0:0:0:0:0:1"), response(), (req, res) -> address.set(context.clientAddress()));
        assertEquals("0:0:0:0:0:0:0:1", address.get());
    }

    @Test
    void aRequestKeepsOneRequestIdAndTheNextGetsAnother() throws Exception {
        List<String> ids = new ArrayList<>();
        new RequestBinding().doFilter(request("192.0.2.1"), response(), (req, res) -> {
            ids.add(context.requestId());
            ids.add(context.requestId());
        });
        new RequestBinding().doFilter(request("192.0.2.1"), response(), (req, res) -> ids.add(context.requestId()));

        assertTrue(ids.get(0).matches("[0-9a-f]{16}"), ids.get(0));
        assertEquals(ids.get(0), ids.get(1));
        assertNotEquals(ids.get(0), ids.get(2));
        assertNull(context.requestId());
    }

    @Test
    void settingAFactOutsideARequestIsAWiringFault() {
        assertThrows(IllegalStateException.class, () -> context.authenticate(ALICE));
        assertTrue(context.body().isEmpty());
    }

    private static RequestContext contextTrusting() {
        RequestContext context = new RequestContext();
        context.random = new SecureRandom();
        context.proxies = new TrustedProxiesConfig() {
            @Override
            public Set<String> trustedProxies() {
                return Set.of();
            }
        };
        return context;
    }

    private static HttpServletRequest request(String peer) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestContextTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeaders" -> Collections.enumeration(List.of());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(RequestContextTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
