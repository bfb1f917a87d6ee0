package org.gatehouse.login.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwtValidatorTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final RSAKey RSA = TestJwts.rsaKey("rsa-1");
    private static final ECKey EC = TestJwts.ecKey("ec-1");

    private static JwtSettings hmac(String issuer, List<String> audiences, boolean requireExpiry) {
        return new JwtSettings(true, SECRET, null, null, List.of("HS256"), "sub", issuer, audiences, true, requireExpiry, 60);
    }

    private static JwtValidator validator(JwtSettings settings) {
        return new JwtValidator(settings, Clock.systemUTC());
    }

    private static String reason(JwtValidator validator, String token) {
        return assertThrows(JwtRejected.class, () -> validator.subject(token)).reason();
    }

    private static JWTClaimsSet alice() {
        return TestJwts.claims("alice").build();
    }

    @Test
    void aTokenSignedWithTheSecretProvesItsSubject() throws Exception {
        assertEquals("alice", validator(hmac(null, List.of(), false)).subject(TestJwts.hmac(JWSAlgorithm.HS256, SECRET, alice())));
    }

    @Test
    void anotherSecretIsABadSignature() {
        String forged = TestJwts.hmac(JWSAlgorithm.HS256, SECRET.replace('0', 'x'), alice());
        assertEquals(JwtRejected.BAD_SIGNATURE, reason(validator(hmac(null, List.of(), false)), forged));
    }

    @Test
    void anAlgorithmNotAcceptedIsRefusedEvenWithTheRightSecret() {
        String hs512 = TestJwts.hmac(JWSAlgorithm.HS512, SECRET, alice());
        assertEquals(JwtRejected.BAD_SIGNATURE, reason(validator(hmac(null, List.of(), false)), hs512));
    }

    @Test
    void unsignedTokensAreRefused() {
        assertEquals(JwtRejected.UNSIGNED, reason(validator(hmac(null, List.of(), false)), TestJwts.unsigned(alice())));
    }

    @Test
    void malformedAndOversizedTokensAreRefused() {
        JwtValidator validator = validator(hmac(null, List.of(), false));
        assertEquals(JwtRejected.MALFORMED, reason(validator, "not a token"));
        assertEquals(JwtRejected.MALFORMED, reason(validator, "a".repeat(JwtValidator.MAX_TOKEN_LENGTH + 1)));
    }

    @Test
    void expiryAndNotBeforeAreCheckedWithTheSkew() throws Exception {
        JwtValidator validator = validator(hmac(null, List.of(), false));
        Instant now = Instant.now();
        String expired = TestJwts.hmac(JWSAlgorithm.HS256, SECRET, TestJwts.claims("alice").expirationTime(Date.from(now.minusSeconds(120))).build());
        String justExpired = TestJwts.hmac(JWSAlgorithm.HS256, SECRET, TestJwts.claims("alice").expirationTime(Date.from(now.minusSeconds(20))).build());
        String notYet = TestJwts.hmac(JWSAlgorithm.HS256, SECRET, TestJwts.claims("alice").notBeforeTime(Date.from(now.plusSeconds(600))).build());
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(validator, expired));
        assertEquals("alice", validator.subject(justExpired));
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(validator, notYet));
    }

    @Test
    void timeIsTheInjectedClocks() {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        JwtValidator validator = new JwtValidator(hmac(null, List.of(), false), later);
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(validator, TestJwts.hmac(JWSAlgorithm.HS256, SECRET, alice())));
    }

    @Test
    void expiryIsRequiredOnlyWhenConfigured() throws Exception {
        String noExpiry = TestJwts.hmac(JWSAlgorithm.HS256, SECRET, new JWTClaimsSet.Builder().subject("alice").build());
        assertEquals("alice", validator(hmac(null, List.of(), false)).subject(noExpiry));
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(validator(hmac(null, List.of(), true)), noExpiry));
    }

    @Test
    void theIssuerMustMatchWhenConfigured() throws Exception {
        JwtValidator validator = validator(hmac("https://portal.example.org", List.of(), false));
        assertEquals("alice", validator.subject(TestJwts.hmac(JWSAlgorithm.HS256, SECRET,
                TestJwts.claims("alice").issuer("https://portal.example.org").build())));
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(validator, TestJwts.hmac(JWSAlgorithm.HS256, SECRET,
                TestJwts.claims("alice").issuer("https://evil.example.org").build())));
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(validator, TestJwts.hmac(JWSAlgorithm.HS256, SECRET, alice())));
    }

    @Test
    void theAudienceMustBeOneConfiguredOrAbsentWhenNoneIs() throws Exception {
        JwtValidator withAudiences = validator(hmac(null, List.of("matrix", "chat"), false));
        assertEquals("alice", withAudiences.subject(TestJwts.hmac(JWSAlgorithm.HS256, SECRET,
                TestJwts.claims("alice").audience(List.of("other", "chat")).build())));
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(withAudiences, TestJwts.hmac(JWSAlgorithm.HS256, SECRET,
                TestJwts.claims("alice").audience("other").build())));
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(withAudiences, TestJwts.hmac(JWSAlgorithm.HS256, SECRET, alice())));
        JwtValidator withoutAudiences = validator(hmac(null, List.of(), false));
        assertEquals(JwtRejected.INVALID_CLAIMS, reason(withoutAudiences, TestJwts.hmac(JWSAlgorithm.HS256, SECRET,
                TestJwts.claims("alice").audience("matrix").build())));
    }

    @Test
    void theSubjectClaimIsConfigurableAndMustBeAString() throws Exception {
        JwtValidator validator = new JwtValidator(new JwtSettings(true, SECRET, null, null, List.of("HS256"), "username", null,
                List.of(), true, false, 60), Clock.systemUTC());
        assertEquals("bob", validator.subject(TestJwts.hmac(JWSAlgorithm.HS256, SECRET, TestJwts.claims("alice").claim("username", "bob").build())));
        assertEquals(JwtRejected.NO_SUBJECT, reason(validator, TestJwts.hmac(JWSAlgorithm.HS256, SECRET, alice())));
        assertEquals(JwtRejected.NO_SUBJECT, reason(validator, TestJwts.hmac(JWSAlgorithm.HS256, SECRET,
                TestJwts.claims("alice").claim("username", 42).build())));
    }

    @Test
    void aPemPublicKeyVerifiesRsaAndEcTokens() throws Exception {
        JwtValidator rsa = new JwtValidator(JwtSettingsTest.publicKey(TestJwts.pem(RSA), "RS256"), Clock.systemUTC());
        assertEquals("alice", rsa.subject(TestJwts.rsa(JWSAlgorithm.RS256, RSA, alice())));
        assertEquals(JwtRejected.BAD_SIGNATURE, reason(rsa, TestJwts.rsa(JWSAlgorithm.RS256, TestJwts.rsaKey("rsa-1"), alice())));
        JwtValidator ec = new JwtValidator(JwtSettingsTest.publicKey(TestJwts.pem(EC), "ES256"), Clock.systemUTC());
        assertEquals("alice", ec.subject(TestJwts.ec(EC, alice())));
        assertEquals(JwtRejected.BAD_SIGNATURE, reason(ec, TestJwts.ec(TestJwts.ecKey("ec-1"), alice())));
        assertEquals(JwtRejected.BAD_SIGNATURE, reason(ec, TestJwts.rsa(JWSAlgorithm.RS256, RSA, alice())));
    }

    @Test
    void thePublicKeyUsedAsAnHmacSecretIsRefused() {
        JwtValidator rsa = new JwtValidator(JwtSettingsTest.publicKey(TestJwts.pem(RSA), "RS256"), Clock.systemUTC());
        assertEquals(JwtRejected.BAD_SIGNATURE, reason(rsa, TestJwts.hmac(JWSAlgorithm.HS256, TestJwts.pem(RSA), alice())));
    }

    @Test
    void aJwksServesKeysByKeyIdAndIsFetchedAgainForAnUnknownKeyId() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = jwksServer(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())), fetches);
        try (JwtValidator validator = new JwtValidator(JwtSettingsTest.jwks(url(server), "RS256", "ES256"), Clock.systemUTC())) {
            assertEquals("alice", validator.subject(TestJwts.rsa(JWSAlgorithm.RS256, RSA, alice())));
            assertEquals("alice", validator.subject(TestJwts.ec(EC, alice())));
            assertEquals(JwtRejected.BAD_SIGNATURE, reason(validator, TestJwts.rsa(JWSAlgorithm.RS256, TestJwts.rsaKey("rsa-1"), alice())));
            assertEquals(1, fetches.get());
            assertEquals(JwtRejected.BAD_SIGNATURE, reason(validator, TestJwts.rsa(JWSAlgorithm.RS256, TestJwts.rsaKey("unknown"), alice())));
            assertEquals(JwtRejected.BAD_SIGNATURE, reason(validator, TestJwts.rsa(JWSAlgorithm.RS256, TestJwts.rsaKey("unknown2"), alice())));
            assertEquals(2, fetches.get(), "an unknown kid fetches the set again, at most once per " + JwtValidator.JWKS_REFETCH_SECONDS + " s");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aJwksThatCannotBeFetchedIsUnavailableNotARefusal() throws Exception {
        HttpServer server = jwksServer(new JWKSet(), new AtomicInteger());
        String url = url(server);
        server.stop(0);
        try (JwtValidator validator = new JwtValidator(JwtSettingsTest.jwks(url, "RS256"), Clock.systemUTC())) {
            assertThrows(JwtKeysUnavailable.class, () -> validator.subject(TestJwts.rsa(JWSAlgorithm.RS256, RSA, alice())));
        }
    }

    static HttpServer jwksServer(JWKSet keys, AtomicInteger fetches) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = keys.toString(true).getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }
}
