package org.gatehouse.login.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtSettingsTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef";

    static JwtSettings secret(String secret, String... algorithms) {
        return new JwtSettings(true, secret, null, null, List.of(algorithms), "sub", null, List.of(), true, false, 60);
    }

    static JwtSettings publicKey(String pem, String... algorithms) {
        return new JwtSettings(true, null, pem, null, List.of(algorithms), "sub", null, List.of(), true, false, 60);
    }

    static JwtSettings jwks(String url, String... algorithms) {
        return new JwtSettings(true, null, null, url, List.of(algorithms), "sub", null, List.of(), true, false, 60);
    }

    private static void assertOneProblemNaming(JwtSettings settings, String setting) {
        List<String> problems = settings.problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains(setting), problems.get(0));
    }

    @Test
    void disabledSettingsAreNotChecked() {
        assertEquals(List.of(), new JwtSettings(false, null, null, null, List.of(), "", null, List.of(), true, false, -1).problems());
    }

    @Test
    void validKeysOfEachKindPass() {
        assertEquals(List.of(), secret(SECRET, "HS256").problems());
        assertEquals(List.of(), publicKey(TestJwts.pem(TestJwts.rsaKey("r")), "RS256", "PS512").problems());
        assertEquals(List.of(), publicKey(TestJwts.pem(TestJwts.ecKey("e")), "ES256").problems());
        assertEquals(List.of(), jwks("https://idp.example.org/jwks.json", "RS256", "ES256").problems());
    }

    @Test
    void enabledWithoutAKeyNamesTheKeySettings() {
        assertOneProblemNaming(new JwtSettings(true, null, null, null, List.of("HS256"), "sub", null, List.of(), true, false, 60),
                "gatehouse.jwt.jwks-url");
    }

    @Test
    void twoKeysAreRefused() {
        assertOneProblemNaming(new JwtSettings(true, SECRET, null, "https://idp.example.org/jwks", List.of("HS256"), "sub",
                null, List.of(), true, false, 60), "Set only one of gatehouse.jwt.secret");
    }

    @Test
    void aSecretShorterThanTheAlgorithmsHashIsRefused() {
        assertOneProblemNaming(secret("short secret", "HS256"), "gatehouse.jwt.secret is too short for HS256");
        assertOneProblemNaming(secret(SECRET, "HS512"), "gatehouse.jwt.secret is too short for HS512");
    }

    @Test
    void theNoneAlgorithmAndUnknownNamesAreRefused() {
        assertOneProblemNaming(secret(SECRET, "none"), "gatehouse.jwt.algorithm: 'none' is not supported");
        assertOneProblemNaming(secret(SECRET, "HS256", "XS1"), "gatehouse.jwt.algorithm: 'XS1'");
        assertOneProblemNaming(secret(SECRET), "gatehouse.jwt.algorithm must name at least one");
    }

    @Test
    void algorithmsMustFitTheKey() {
        assertOneProblemNaming(secret(SECRET, "RS256"), "gatehouse.jwt.algorithm RS256 needs a public key");
        assertOneProblemNaming(publicKey(TestJwts.pem(TestJwts.rsaKey("r")), "ES256"), "gatehouse.jwt.algorithm ES256 cannot be verified");
        assertOneProblemNaming(publicKey(TestJwts.pem(TestJwts.ecKey("e")), "ES384"), "gatehouse.jwt.algorithm ES384 cannot be verified");
        assertOneProblemNaming(publicKey(TestJwts.pem(TestJwts.rsaKey("r")), "HS256"), "gatehouse.jwt.algorithm HS256 cannot be verified");
        assertOneProblemNaming(jwks("https://idp.example.org/jwks", "HS256"), "gatehouse.jwt.algorithm HS256 is an HMAC algorithm");
    }

    @Test
    void aPublicKeyThatIsNotPemIsRefused() {
        assertOneProblemNaming(publicKey("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "RS256"), "gatehouse.jwt.public-key");
        assertOneProblemNaming(publicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "RS256"), "gatehouse.jwt.public-key");
    }

    @Test
    void aPemKeyOnOneLineIsAccepted() {
        String oneLine = TestJwts.pem(TestJwts.rsaKey("r")).replace("\n", " ");
        assertEquals(List.of(), publicKey(oneLine, "RS256").problems());
    }

    @Test
    void theJwksUrlMustBeHttp() {
        assertOneProblemNaming(jwks("file:///etc/jwks.json", "RS256"), "gatehouse.jwt.jwks-url must be an http(s) URL");
        assertOneProblemNaming(jwks("https://exa mple.org/", "RS256"), "gatehouse.jwt.jwks-url is not a URL");
    }

    @Test
    void otherSettingsAreChecked() {
        assertOneProblemNaming(new JwtSettings(true, SECRET, null, null, List.of("HS256"), " ", null, List.of(), true, false, 60),
                "gatehouse.jwt.subject-claim");
        assertOneProblemNaming(new JwtSettings(true, SECRET, null, null, List.of("HS256"), "sub", null, List.of(), true, false, 301),
                "gatehouse.jwt.clock-skew-seconds");
        assertOneProblemNaming(new JwtSettings(true, SECRET, null, null, List.of("HS256"), "sub", " ", List.of(), true, false, 60),
                "gatehouse.jwt.issuer");
    }

    @Test
    void algorithmNamesAreReadCaseInsensitively() {
        assertEquals(List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384), List.copyOf(secret(SECRET + SECRET, "hs256", "HS384").acceptedAlgorithms()));
    }
}
