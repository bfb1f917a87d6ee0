package org.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserIdTest {

    @Test
    void parsesLocalpartAndServerName() {
        assertEquals(Optional.of(new UserId("alice", "example.org")), UserId.parse("@alice:example.org"));
    }

    @Test
    void parsesServerNameWithPort() {
        assertEquals(Optional.of(new UserId("alice", "example.org:8448")), UserId.parse("@alice:example.org:8448"));
    }

    @Test
    void parsesIpv4ServerName() {
        assertEquals(Optional.of(new UserId("a", "1.2.3.4:1234")), UserId.parse("@a:1.2.3.4:1234"));
    }

    @Test
    void parsesIpv6ServerNameWithPort() {
        assertEquals(Optional.of(new UserId("a", "[::1]:8448")), UserId.parse("@a:[::1]:8448"));
    }

    @Test
    void parsesIpv6ServerNameWithoutPort() {
        assertEquals(Optional.of(new UserId("a", "[1234:5678::abcd]")), UserId.parse("@a:[1234:5678::abcd]"));
    }

    @Test
    void splitsAtTheFirstColon() {
        UserId id = UserId.parse("@bob:matrix.org:443").orElseThrow();
        assertEquals("bob", id.localpart());
        assertEquals("matrix.org:443", id.serverName());
    }

    @Test
    void parsesHistoricalLocalpart() {
        assertEquals(Optional.of(new UserId("Alice!#~", "example.org")), UserId.parse("@Alice!#~:example.org"));
    }

    @Test
    void rejectsNull() {
        assertEquals(Optional.empty(), UserId.parse(null));
    }

    @Test
    void rejectsMissingSigil() {
        assertEquals(Optional.empty(), UserId.parse("alice:example.org"));
    }

    @Test
    void rejectsOtherSigil() {
        assertEquals(Optional.empty(), UserId.parse("#alice:example.org"));
    }

    @Test
    void rejectsMissingColon() {
        assertEquals(Optional.empty(), UserId.parse("@alice"));
    }

    @Test
    void rejectsEmptyLocalpart() {
        assertEquals(Optional.empty(), UserId.parse("@:example.org"));
    }

    @Test
    void rejectsEmptyServerName() {
        assertEquals(Optional.empty(), UserId.parse("@alice:"));
    }

    @Test
    void rejectsEmptyString() {
        assertEquals(Optional.empty(), UserId.parse(""));
    }

    @Test
    void rejectsLoneSigil() {
        assertEquals(Optional.empty(), UserId.parse("@"));
    }

    @Test
    void rejectsEmptyPort() {
        assertEquals(Optional.empty(), UserId.parse("@alice:example.org:"));
    }

    @Test
    void rejectsNonNumericPort() {
        assertEquals(Optional.empty(), UserId.parse("@alice:example.org:http"));
    }

    @Test
    void rejectsPortOfSixDigits() {
        assertEquals(Optional.empty(), UserId.parse("@alice:example.org:123456"));
    }

    @Test
    void rejectsServerNameWithInvalidCharacters() {
        assertEquals(Optional.empty(), UserId.parse("@alice:exa_mple.org"));
        assertEquals(Optional.empty(), UserId.parse("@alice:example.org/path"));
    }

    @Test
    void rejectsUnbracketedIpv6() {
        assertEquals(Optional.empty(), UserId.parse("@a:::1"));
    }

    @Test
    void rejectsLocalpartWithSpace() {
        assertEquals(Optional.empty(), UserId.parse("@al ice:example.org"));
    }

    @Test
    void rejectsLocalpartWithControlCharacter() {
        assertEquals(Optional.empty(), UserId.parse("@al\u0000ice:example.org"));
    }

    @Test
    void rejectsNonAsciiLocalpart() {
        assertEquals(Optional.empty(), UserId.parse("@älice:example.org"));
    }

    @Test
    void acceptsIdOfExactly255Bytes() {
        String id = "@" + "a".repeat(255 - 2 - "example.org".length()) + ":example.org";
        assertEquals(255, id.length());
        assertTrue(UserId.parse(id).isPresent());
    }

    @Test
    void rejectsIdOf256Bytes() {
        String id = "@" + "a".repeat(256 - 2 - "example.org".length()) + ":example.org";
        assertEquals(256, id.length());
        assertEquals(Optional.empty(), UserId.parse(id));
    }

    @Test
    void formatsAsSigilLocalpartColonServerName() {
        assertEquals("@alice:example.org:8448", new UserId("alice", "example.org:8448").toString());
    }

    @Test
    void formattingRoundTripsThroughParse() {
        String id = "@a.b_c=d-e/f+g:[::1]:8448";
        assertEquals(id, UserId.parse(id).orElseThrow().toString());
    }

    @Test
    void isLocalToItsOwnServerName() {
        assertTrue(new UserId("alice", "example.org").isLocalTo("example.org"));
    }

    @Test
    void isNotLocalToAnotherServer() {
        assertFalse(new UserId("alice", "example.org").isLocalTo("example.com"));
    }

    @Test
    void isNotLocalToSameHostOnAnotherPort() {
        assertFalse(new UserId("alice", "example.org:8448").isLocalTo("example.org"));
    }

    @Test
    void serverNameComparisonIsCaseSensitive() {
        assertFalse(new UserId("alice", "example.org").isLocalTo("EXAMPLE.ORG"));
    }

    @Test
    void isNotLocalToNull() {
        assertFalse(new UserId("alice", "example.org").isLocalTo(null));
    }

    @Test
    void constructorRejectsEmptyLocalpart() {
        assertThrows(IllegalArgumentException.class, () -> new UserId("", "example.org"));
    }

    @Test
    void constructorRejectsLocalpartWithColon() {
        assertThrows(IllegalArgumentException.class, () -> new UserId("a:b", "example.org"));
    }

    @Test
    void constructorRejectsInvalidServerName() {
        assertThrows(IllegalArgumentException.class, () -> new UserId("alice", "example org"));
    }

    @Test
    void constructorRejectsIdOver255Bytes() {
        assertThrows(IllegalArgumentException.class,
                () -> new UserId("a".repeat(256 - 2 - "example.org".length()), "example.org"));
    }

    @Test
    void constructorRejectsNull() {
        assertThrows(NullPointerException.class, () -> new UserId(null, "example.org"));
        assertThrows(NullPointerException.class, () -> new UserId("alice", null));
    }

    @Test
    void equalIdsAreEqual() {
        assertEquals(new UserId("alice", "example.org"), UserId.parse("@alice:example.org").orElseThrow());
        assertEquals(new UserId("alice", "example.org").hashCode(), new UserId("alice", "example.org").hashCode());
    }
}
