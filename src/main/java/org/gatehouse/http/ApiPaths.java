package org.gatehouse.http;

/**
 * Path prefixes of the Client-Server API. Endpoints are served under {@code v3} and, for clients
 * that still use it, the legacy {@code r0} prefix with the same behaviour.
 */
public final class ApiPaths {

    /** {@code /_matrix/client/v3} or {@code /_matrix/client/r0}. */
    public static final String CLIENT_V3 = "/_matrix/client/{apiVersion: v3|r0}";

    /** {@code /_matrix/client/v1}. */
    public static final String CLIENT_V1 = "/_matrix/client/v1";

    private ApiPaths() {
    }
}
