package org.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void canonicalisesLiteralsAndRejectsTheRest() {
        assertEquals(Optional.of("10.0.0.1"), IpAddresses.canonical(" 10.0.0.1 "));
        assertEquals(Optional.of("0:0:0:0:0:0:0:1"), IpAddresses.canonical("[::1]"));
        assertEquals(Optional.empty(), IpAddresses.canonical("256.0.0.1"));
        assertEquals(Optional.empty(), IpAddresses.canonical("example.org"));
        assertEquals(Optional.empty(), IpAddresses.canonical(null));
    }

    @Test
    void aRememberedAnswerIsTheSameAsTheFirst() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of("0:0:0:0:0:0:0:1"), IpAddresses.canonical("::1"));
            assertEquals(Optional.empty(), IpAddresses.canonical("not-an-address"));
        }
    }

    @Test
    void theMemoryStaysBoundedWhateverTheTexts() {
        for (int i = 0; i < 3 * IpAddresses.REMEMBERED; i++) {
            assertEquals(Optional.of("10.1." + (i >> 8 & 0xff) + "." + (i & 0xff)),
                    IpAddresses.canonical("10.1." + (i >> 8 & 0xff) + "." + (i & 0xff)));
        }
        assertTrue(IpAddresses.remembered() <= IpAddresses.REMEMBERED, "remembered " + IpAddresses.remembered());
    }
}
