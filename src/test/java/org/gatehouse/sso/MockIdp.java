package org.gatehouse.sso;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import org.gatehouse.testing.TestPorts;

/**
 * The OpenID Connect provider of the SSO integration tests: a {@link MockOAuth2Server} on loopback
 * port 18000 plus the run's port offset ({@link TestPorts#offset}), issuer id {@code idp}. It answers the authorization request
 * at once with a code, checks PKCE when the code is redeemed, and signs ID tokens with its own
 * JWKS. Tests choose the next ID token's subject, audience, lifetime and claims
 * ({@link #nextLogin}), or replace the next token response's ID token ({@link #nextTokenResponse}).
 */
final class MockIdp {

    static final String ISSUER_ID = "idp";
    static final String CLIENT_ID = "gatehouse-it";
    static final String CLIENT_SECRET = "it-client-secret";

    private final TokenOverride override = new TokenOverride();
    private final MockOAuth2Server server = new MockOAuth2Server(override);

    /**
     * Answers the next token request with a prepared ID token instead of the mock's own (the
     * mock cannot enqueue raw responses), so that tests can send tokens the mock would never issue.
     */
    private static final class TokenOverride implements Route {

        private final AtomicReference<String> next = new AtomicReference<>();

        @Override
        public boolean match(OAuth2HttpRequest request) {
            return next.get() != null && "POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/token");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String body = "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\""
                    + next.getAndSet(null) + "\"}";
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, body, null);
        }
    }

    MockIdp() {
        try {
            server.start(InetAddress.getLoopbackAddress(), 18000 + TestPorts.offset());
        } catch (RuntimeException e) {
            throw new IllegalStateException("mock-oauth2-server did not start", e);
        }
    }

    /** The issuer URL, as Gatehouse is configured with it. */
    String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The next ID token carries {@code subject}, audience {@code audience}, {@code claims}, and expires in {@code expirySeconds}. */
    void nextLogin(String subject, List<String> audience, Map<String, Object> claims, long expirySeconds) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(), audience, claims,
                expirySeconds));
    }

    /** The next ID token carries {@code subject} and {@code claims}, for our client, valid for an hour. */
    void nextLogin(String subject, Map<String, Object> claims) {
        nextLogin(subject, List.of(CLIENT_ID), claims, 3600);
    }

    /** The next token request is answered with {@code idToken}. */
    void nextTokenResponse(String idToken) {
        override.next.set(idToken);
    }

    /** An ID token signed by the provider's key for {@code subject}, {@code audience}, {@code nonce}, expiring in {@code expirySeconds}. */
    String idToken(String subject, String audience, String nonce, long expirySeconds) {
        return server.issueToken(ISSUER_ID, CLIENT_ID, new DefaultOAuth2TokenCallback(ISSUER_ID, subject,
                JOSEObjectType.JWT.getType(), List.of(audience), Map.of("nonce", nonce, "preferred_username", subject), expirySeconds))
                .serialize();
    }

    /** A back-channel logout token for {@code sid} (or, when {@code null}, every session of {@code subject}), signed by the provider. */
    String logoutToken(String subject, String sid) {
        Map<String, Object> claims = new java.util.HashMap<>();
        claims.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        if (sid != null) {
            claims.put("sid", sid);
        }
        return server.issueToken(ISSUER_ID, CLIENT_ID, new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "logout+jwt",
                List.of(CLIENT_ID), claims, 120)).serialize();
    }

    /** A valid-looking ID token for {@code subject} and {@code nonce}, signed by a key with the provider key's id but not the provider's. */
    String forgedIdToken(String subject, String nonce) {
        try {
            String kid = JWKSet.load(URI.create(server.jwksUrl(ISSUER_ID).toString()).toURL()).getKeys().get(0).getKeyID();
            RSAKey other = new RSAKeyGenerator(2048).keyID(kid).generate();
            Date now = new Date();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                    new JWTClaimsSet.Builder().issuer(issuer()).subject(subject).audience(CLIENT_ID).issueTime(now)
                            .expirationTime(new Date(now.getTime() + 3_600_000)).claim("nonce", nonce).build());
            jwt.sign(new RSASSASigner(other));
            return jwt.serialize();
        } catch (IOException | java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    void shutdown() {
        server.shutdown();
    }
}
