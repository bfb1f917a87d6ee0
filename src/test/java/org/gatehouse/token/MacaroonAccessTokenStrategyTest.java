package org.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.token.macaroon.Macaroon;
import org.junit.jupiter.api.Test;

/** Macaroon access tokens: what is decided without the database, with time given explicitly. */
class MacaroonAccessTokenStrategyTest {

    private static final String KEY = "current-key-0123456789abcdef0123456789";
    private static final String OLD_KEY = "previous-key-0123456789abcdef012345678";
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String NONCE = "abcdefghijklmnopqrstuvwxyz012345";

    private static MacaroonAccessTokenStrategy strategy(MacaroonKeys keys) {
        MacaroonAccessTokenStrategy strategy = new MacaroonAccessTokenStrategy();
        strategy.keys = keys;
        strategy.server = new ServerConfig("example.org", "https://example.org/");
        return strategy;
    }

    private static MacaroonAccessTokenStrategy current() {
        return strategy(MacaroonKeys.of(KEY, null, Instant.MIN));
    }

    private static String mint(MacaroonAccessTokenStrategy strategy, Long expiresAt) {
        return strategy.mint(new TokenClaims("@alice:example.org", "DEVICE", expiresAt, NONCE));
    }

    @Test
    void mintedTokenPasses() {
        assertEquals(TokenCheck.PASSES, current().verifyWithoutDatabase(mint(current(), null), NOW));
    }

    @Test
    void mintedTokenCarriesTheClaimsAsCaveats() {
        Macaroon macaroon = Macaroon.deserialize(mint(current(), NOW.toEpochMilli() + 1000)).orElseThrow();
        assertEquals("@alice:example.org", Macaroon.caveatValue(macaroon.caveats(), "user_id").orElseThrow());
        assertEquals("DEVICE", Macaroon.caveatValue(macaroon.caveats(), "device_id").orElseThrow());
        assertEquals("access", Macaroon.caveatValue(macaroon.caveats(), "type").orElseThrow());
        assertEquals(NONCE, Macaroon.caveatValue(macaroon.caveats(), "nonce").orElseThrow());
        assertTrue(macaroon.caveats().contains("time < " + (NOW.toEpochMilli() + 1000)));
    }

    @Test
    void mintingIsDeterministicForTheSameClaims() {
        assertEquals(mint(current(), 5L), mint(current(), 5L));
    }

    @Test
    void tokenSignedWithAnotherKeyFails() {
        String forged = mint(strategy(MacaroonKeys.of("attacker-key-0123456789abcdef0123456", null, Instant.MIN)), null);
        assertEquals(TokenCheck.FAILS, current().verifyWithoutDatabase(forged, NOW));
    }

    @Test
    void tokenWithAnAddedCaveatFromSomeoneWithoutTheKeyStillVerifiesOnlyIfTheCaveatIsKnown() {
        Macaroon minted = Macaroon.deserialize(mint(current(), null)).orElseThrow();
        String withUnknown = minted.withFirstPartyCaveat("admin = true").serialize();
        assertEquals(TokenCheck.FAILS, current().verifyWithoutDatabase(withUnknown, NOW));
    }

    @Test
    void tamperedTokenFails() {
        String token = mint(current(), null);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).replace("@alice:", "@mallo:");
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(TokenCheck.FAILS, current().verifyWithoutDatabase(tampered, NOW));
    }

    @Test
    void expiredTokenIsReportedAsExpired() {
        String token = mint(current(), NOW.toEpochMilli());
        assertEquals(TokenCheck.EXPIRED, current().verifyWithoutDatabase(token, NOW));
        assertEquals(TokenCheck.PASSES, current().verifyWithoutDatabase(token, NOW.minusMillis(1)));
    }

    @Test
    void opaqueAndGarbageTokensAreNotRecognised() {
        assertEquals(false, current().recognises("gha_abc"));
        assertEquals(TokenCheck.FAILS, current().verifyWithoutDatabase("MDAnot-a-macaroon", NOW));
    }

    @Test
    void previousKeyVerifiesDuringTheGracePeriodOnly() {
        String oldToken = mint(strategy(MacaroonKeys.of(OLD_KEY, null, Instant.MIN)), null);
        Instant graceEnd = NOW.plus(Duration.ofHours(1));
        MacaroonAccessTokenStrategy rotated = strategy(MacaroonKeys.of(KEY, OLD_KEY, graceEnd));
        assertEquals(TokenCheck.PASSES, rotated.verifyWithoutDatabase(oldToken, NOW));
        assertEquals(TokenCheck.FAILS, rotated.verifyWithoutDatabase(oldToken, graceEnd));
    }

    @Test
    void afterRotationNewTokensAreSignedWithTheNewKey() {
        MacaroonAccessTokenStrategy rotated = strategy(MacaroonKeys.of(KEY, OLD_KEY, NOW.plusSeconds(60)));
        String token = mint(rotated, null);
        assertEquals(TokenCheck.PASSES, current().verifyWithoutDatabase(token, NOW));
        assertEquals(TokenCheck.FAILS,
                strategy(MacaroonKeys.of(OLD_KEY, null, Instant.MIN)).verifyWithoutDatabase(token, NOW));
    }
}
