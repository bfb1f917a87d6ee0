package org.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectUrlsTest {

    @Test
    void httpsAndNativeAppSchemesAreAccepted() {
        assertTrue(RedirectUrls.parse("https://app.example/cb?x=1").isPresent());
        assertTrue(RedirectUrls.parse("im.example.app:/sso").isPresent());
    }

    @Test
    void relativeScriptAndOverlongUrlsAreRefused() {
        assertFalse(RedirectUrls.parse("/relative").isPresent());
        assertFalse(RedirectUrls.parse("javascript:alert(1)").isPresent());
        assertFalse(RedirectUrls.parse("DATA:text/html,x").isPresent());
        assertFalse(RedirectUrls.parse("https://a.example/" + "x".repeat(RedirectUrls.MAX_LENGTH)).isPresent());
        assertFalse(RedirectUrls.parse("https://a b").isPresent());
    }

    @Test
    void loginTokenReplacesExistingOnesAndKeepsOtherParametersAndFragment() {
        assertEquals("https://app.example/cb?a=1&b=2&loginToken=T%2B",
                RedirectUrls.withLoginToken("https://app.example/cb?a=1&loginToken=old&b=2&loginToken", "T+"));
        assertEquals("https://app.example/?loginToken=T#/room", RedirectUrls.withLoginToken("https://app.example/#/room", "T"));
    }

    @Test
    void aPrefixWithoutSlashDoesNotTrustALongerHost() {
        List<String> trusted = List.of("https://app.example");
        assertTrue(RedirectUrls.trusted("https://app.example/cb", trusted));
        assertFalse(RedirectUrls.trusted("https://app.example.evil/cb", trusted));
        assertTrue(RedirectUrls.trusted("https://x.example/a/b", List.of("https://x.example/a/")));
    }
}
