package org.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwardedForTest {

    private static final Set<String> TRUSTED = Set.of("10.0.0.1", "10.0.0.2");

    @Test
    void anUntrustedPeerIsTheClientWhateverTheHeaderSays() {
        assertEquals("203.0.113.9", ForwardedFor.clientAddress("203.0.113.9", () -> List.of("198.51.100.1"), TRUSTED));
    }

    @Test
    void theHeaderOfAnUntrustedPeerIsNeverRead() {
        assertEquals("203.0.113.9", ForwardedFor.clientAddress("203.0.113.9", () -> {
            throw new AssertionError("read X-Forwarded-For of an untrusted peer");
        }, TRUSTED));
    }

    @Test
    void aTrustedPeerWithoutTheHeaderIsTheClient() {
        assertEquals("10.0.0.1", ForwardedFor.clientAddress("10.0.0.1", () -> null, TRUSTED));
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        assertEquals("198.51.100.7", ForwardedFor.clientAddress("10.0.0.1", () -> List.of("1.2.3.4, 198.51.100.7, 10.0.0.2"), TRUSTED));
    }

    @Test
    void severalHeadersAreOneListInOrder() {
        assertEquals("198.51.100.7", ForwardedFor.clientAddress("10.0.0.1", () -> List.of("1.2.3.4", "198.51.100.7,10.0.0.2"), TRUSTED));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertEquals("10.0.0.2", ForwardedFor.clientAddress("10.0.0.1", () -> List.of("10.0.0.2"), TRUSTED));
    }

    @Test
    void aHopThatIsNotAnAddressStopsTheWalk() {
        assertEquals("10.0.0.2", ForwardedFor.clientAddress("10.0.0.1", () -> List.of("evil.example, 10.0.0.2"), TRUSTED));
    }

    @Test
    void ipv6HopsAreCanonicalised() {
        assertEquals("2001:db8:0:0:0:0:0:1", ForwardedFor.clientAddress("10.0.0.1", () -> List.of("[2001:db8::1]"), TRUSTED));
    }

    @Test
    void hostNamesAreNeverAddresses() {
        assertEquals(java.util.Optional.empty(), IpAddresses.canonical("localhost"));
        assertEquals(java.util.Optional.empty(), IpAddresses.canonical("999.1.1.1"));
    }
}
