package org.gatehouse.login.jwt;

/** The key set at {@code gatehouse.jwt.jwks-url} could not be fetched: no token can be judged now. */
public final class JwtKeysUnavailable extends Exception {

    JwtKeysUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
