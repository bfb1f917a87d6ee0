package org.gatehouse.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.gatehouse.device.DeviceActivity;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.IdentityAssertion;
import org.gatehouse.token.TokenService;

/**
 * Authenticates every endpoint marked {@link Authenticated} (spec: "Using access tokens"). The
 * token comes from {@code Authorization: Bearer …} or the deprecated {@code access_token} query
 * parameter; both are supported as the spec requires. The {@code user_id} and {@code device_id}
 * query parameters (and MSC3202's {@code org.matrix.msc3202.device_id}) are passed on as the
 * request's {@link IdentityAssertion}, which only an application service's token honours
 * (Application Service API, "Identity assertion").
 * <ul>
 *   <li>no token → 401 {@code M_MISSING_TOKEN}; an {@code Authorization} header with another scheme
 *       than {@code Bearer} (e.g. {@code Basic}, which reverse proxies add) carries no access token
 *       and is ignored;</li>
 *   <li>more than one {@code Authorization} header, or a header and a query parameter that differ
 *       → 400 {@code M_UNKNOWN} (the request is ambiguous, not unauthenticated);</li>
 *   <li>malformed, unknown or revoked → 401 {@code M_UNKNOWN_TOKEN} ({@link TokenService});</li>
 *   <li>a locked account on an endpoint without {@link AllowLocked} → 401 {@code M_USER_LOCKED}
 *       ({@link AccountLockCheck});</li>
 *   <li>a guest on an endpoint without {@link AllowGuest} → 403 {@code M_GUEST_ACCESS_FORBIDDEN};</li>
 *   <li>an application service on an endpoint marked {@link NotForAppServices} → 403 {@code M_FORBIDDEN}.</li>
 * </ul>
 * An authenticated request made with a device counts as a sighting of it ({@link DeviceActivity}:
 * kept in memory, no database write here).
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AccessTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String DEVICE_ID_MSC3202 = "org.matrix.msc3202.device_id";

    @Inject
    TokenService tokens;

    @Inject
    RequestContext context;

    @Inject
    DeviceActivity activity;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        String token = presentedToken(request, query);
        Requester requester = tokens.authenticate(token, assertion(query));
        AccountLockCheck.refuseIfLocked(requester, () -> marked(AllowLocked.class));
        if (requester.guest() && !marked(AllowGuest.class)) {
            throw new MatrixException(403, ErrCode.M_GUEST_ACCESS_FORBIDDEN, "Guest access is not allowed here");
        }
        if (requester.isAppService() && marked(NotForAppServices.class)) {
            throw MatrixException.forbidden("Application services cannot use this endpoint");
        }
        context.authenticate(requester);
        if (requester.deviceRef() != null) {
            activity.seen(requester.deviceRef(), context.clientAddress(), request.getHeaderString(HttpHeaders.USER_AGENT));
        }
    }

    /**
     * The access token of the request.
     *
     * @throws MatrixException 401 {@code M_MISSING_TOKEN} when there is none; 400 {@code M_UNKNOWN}
     *         when the request is ambiguous
     */
    private static String presentedToken(ContainerRequestContext request, MultivaluedMap<String, String> query) {
        String token = optionalToken(request, query);
        if (token == null) {
            throw new MatrixException(401, ErrCode.M_MISSING_TOKEN, "Missing access token");
        }
        return token;
    }

    /**
     * The access token of the request, or {@code null} when there is none.
     *
     * @throws MatrixException 400 {@code M_UNKNOWN} when the request is ambiguous
     */
    static String optionalToken(ContainerRequestContext request, MultivaluedMap<String, String> query) {
        List<String> headers = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        List<String> params = query.get("access_token");
        if ((headers != null && headers.size() > 1) || (params != null && params.size() > 1)) {
            throw new MatrixException(400, ErrCode.M_UNKNOWN, "More than one access token was given");
        }
        String fromHeader = headers == null ? null : bearerToken(headers.get(0));
        String fromQuery = params == null ? null : params.get(0);
        if (fromHeader != null && fromQuery != null && !fromHeader.equals(fromQuery)) {
            throw new MatrixException(400, ErrCode.M_UNKNOWN,
                    "The access token in the Authorization header and the access_token parameter differ");
        }
        return fromHeader != null ? fromHeader : fromQuery;
    }

    /** The token of a {@code Bearer} header; {@code null} for an empty one or another scheme. */
    private static String bearerToken(String header) {
        if (header.trim().equalsIgnoreCase(BEARER.trim())) {
            return null;
        }
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).trim();
        }
        return null;
    }

    /** The identity the query asserts; {@link IdentityAssertion#NONE}, without lookups, when there is no query. */
    private static IdentityAssertion assertion(MultivaluedMap<String, String> query) {
        if (query.isEmpty()) {
            return IdentityAssertion.NONE;
        }
        String deviceId = single(query, "device_id");
        return IdentityAssertion.of(single(query, "user_id"),
                deviceId != null ? deviceId : single(query, DEVICE_ID_MSC3202));
    }

    /** The one value of query parameter {@code name}, or {@code null}; 400 {@code M_INVALID_PARAM} when repeated. */
    private static String single(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw MatrixException.invalidParam("The query parameter " + name + " was given more than once");
        }
        return values.get(0);
    }

    private boolean marked(Class<? extends java.lang.annotation.Annotation> marker) {
        return resource.getResourceMethod().isAnnotationPresent(marker)
                || resource.getResourceClass().isAnnotationPresent(marker);
    }
}
