package org.gatehouse.login.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Judges the tokens of {@code org.matrix.login.jwt} with Nimbus JOSE+JWT: a compact JWS whose
 * {@code alg} is one of the accepted algorithms, signed by the configured key (the HMAC secret or
 * the PEM public key whatever the {@code kid}, or the key of the JWKS that the {@code kid} names);
 * {@code exp} and {@code nbf}, when present, hold at the injected clock within the allowed skew;
 * {@code iss} equals the configured issuer when one is set; {@code aud} contains one of the
 * configured audiences when some are set and is absent when none are (as Synapse's
 * {@code jwt_config} behaves); and the subject claim is a non-empty string. Unsigned ({@code alg: none}) and encrypted tokens are
 * refused. The {@code typ} header is not checked.
 *
 * <p>A JWKS is fetched on first use and cached for {@value #JWKS_CACHE_MINUTES} minutes; a
 * token whose {@code kid} is unknown makes it fetched again (at most every
 * {@value #JWKS_REFETCH_SECONDS} seconds), so the issuer can rotate keys. Thread-safe.
 */
public final class JwtValidator implements Closeable {

    /** Tokens longer than this are refused unread. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    static final int JWKS_CACHE_MINUTES = 5;
    static final int JWKS_REFETCH_SECONDS = 30;
    private static final int JWKS_TIMEOUT_MS = 3000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JWKSource<SecurityContext> keys;
    private final String subjectClaim;

    /**
     * A validator for valid {@code settings} ({@link JwtSettings#problems()} empty, enabled).
     *
     * @param clock the time {@code exp} and {@code nbf} are judged at
     */
    public JwtValidator(JwtSettings settings, Clock clock) {
        this.subjectClaim = settings.subjectClaim();
        Set<JWSAlgorithm> accepted = settings.acceptedAlgorithms();
        JwtSettings.KeyKind kind = settings.keyKind()
                .orElseThrow(() -> new IllegalArgumentException("exactly one JWT key source must be set"));
        if (kind == JwtSettings.KeyKind.JWKS) {
            this.keys = jwks(settings.jwksUrl());
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(accepted, keys));
        } else {
            this.keys = null;
            Key key = kind == JwtSettings.KeyKind.SECRET
                    ? new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HMAC")
                    : PemPublicKeys.parse(settings.publicKey());
            processor.setJWSKeySelector((header, context) -> accepted.contains(header.getAlgorithm()) ? List.of(key) : List.of());
        }
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWTClaimsSetVerifier(claimsVerifier(settings, clock));
    }

    /** The key set at {@code url}, cached, fetched again for an unknown {@code kid} (rate-limited). */
    private static JWKSource<SecurityContext> jwks(String url) {
        try {
            return JWKSourceBuilder.create(URI.create(url).toURL(),
                            new DefaultResourceRetriever(JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS, JWKS_SIZE_LIMIT))
                    .cache(Duration.ofMinutes(JWKS_CACHE_MINUTES).toMillis(), JWKS_TIMEOUT_MS)
                    .refreshAheadCache(false)
                    .rateLimited(Duration.ofSeconds(JWKS_REFETCH_SECONDS).toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("gatehouse.jwt.jwks-url is not a URL", e);
        }
    }

    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(JwtSettings settings, Clock clock) {
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (settings.issuer() != null) {
            exact.issuer(settings.issuer());
        }
        Set<String> required = new HashSet<>();
        if (settings.requireExpiry()) {
            required.add("exp");
        }
        // A HashSet: Nimbus 10.5 (Payara's own copy, which the WAR gets there) asks it contains(null).
        Set<String> audiences = settings.audiences().isEmpty() ? null : new HashSet<>(settings.audiences());
        Set<String> prohibited = audiences == null ? Set.of("aud") : Set.of();
        DefaultJWTClaimsVerifier<SecurityContext> verifier =
                new DefaultJWTClaimsVerifier<>(audiences, exact.build(), required, prohibited) {
                    @Override
                    protected Date currentTime() {
                        return new Date(clock.millis());
                    }
                };
        verifier.setMaxClockSkew(settings.clockSkewSeconds());
        return verifier;
    }

    /**
     * The subject of a valid {@code token}: the string value of the subject claim.
     *
     * @throws JwtRejected        when the token proves nobody, with the reason
     * @throws JwtKeysUnavailable when the JWKS cannot be fetched
     */
    public String subject(String token) throws JwtRejected, JwtKeysUnavailable {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new JwtRejected(JwtRejected.MALFORMED, "token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new JwtRejected(JwtRejected.MALFORMED, e.getMessage());
        }
        if (jwt instanceof PlainJWT) {
            throw new JwtRejected(JwtRejected.UNSIGNED, "unsigned token (alg: none)");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJWTException e) {
            throw new JwtRejected(JwtRejected.INVALID_CLAIMS, e.getMessage());
        } catch (BadJOSEException e) {
            throw new JwtRejected(JwtRejected.BAD_SIGNATURE, e.getMessage());
        } catch (RateLimitReachedException e) {
            throw new JwtRejected(JwtRejected.BAD_SIGNATURE, "no key of the key set fits, and it was fetched too recently to fetch again");
        } catch (KeySourceException e) {
            throw new JwtKeysUnavailable("The JWT key set cannot be fetched: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new JwtRejected(JwtRejected.BAD_SIGNATURE, e.getMessage());
        }
        if (claims.getClaim(subjectClaim) instanceof String subject && !subject.isEmpty()) {
            return subject;
        }
        throw new JwtRejected(JwtRejected.NO_SUBJECT, "no string claim " + subjectClaim);
    }

    @Override
    public void close() throws IOException {
        if (keys instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
