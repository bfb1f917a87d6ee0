package org.gatehouse.sso;

import java.util.Map;
import java.util.Optional;

/**
 * Who an identity provider says the browser's user is, after every check passed.
 *
 * @param providerId the provider
 * @param subject    the provider's {@code sub}
 * @param sessionId  the provider's session ({@code sid}), if it sent one
 * @param claims     the ID token's claims, merged with the userinfo claims when configured
 */
public record IdpIdentity(String providerId, String subject, Optional<String> sessionId, Map<String, Object> claims) {

    public IdpIdentity {
        claims = Map.copyOf(claims);
    }
}
