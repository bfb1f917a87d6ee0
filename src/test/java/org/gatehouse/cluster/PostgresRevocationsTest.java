package org.gatehouse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.gatehouse.token.TokenCache.Kind;
import org.gatehouse.token.TokenCache.Revocation;
import org.junit.jupiter.api.Test;

/** The payload of a revocation notice. */
class PostgresRevocationsTest {

    @Test
    void noticeNamesTheKindAndTheReference() {
        assertEquals(Optional.of(new Revocation(Kind.DEVICE, 1234)), PostgresRevocations.parse("3f9a0c1b2d4e5f60 DEVICE 1234"));
        assertEquals(Optional.of(new Revocation(Kind.USER, 7)), PostgresRevocations.parse("a USER 7"));
        assertEquals(Optional.of(new Revocation(Kind.TOKEN, 9)), PostgresRevocations.parse("a TOKEN 9"));
    }

    @Test
    void malformedNoticeIsIgnored() {
        for (String payload : new String[] {"", "a DEVICE", "a DEVICE 1 2", "a SESSION 1", "a USER x", "a USER 99999999999999999999"}) {
            assertEquals(Optional.empty(), PostgresRevocations.parse(payload), payload);
        }
    }
}
