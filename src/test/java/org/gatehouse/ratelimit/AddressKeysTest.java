package org.gatehouse.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AddressKeysTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertEquals("198.51.100.7", AddressKeys.of("198.51.100.7"));
    }

    @Test
    void everyAddressOfOneIpv6Slash64SharesAKey() {
        String key = AddressKeys.of("2001:db8:1:2:0:0:0:1");
        assertEquals("2001:db8:1:2:0:0:0:0/64", key);
        assertEquals(key, AddressKeys.of("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertEquals(key, AddressKeys.of("2001:db8:1:2:abcd::42"));
    }

    @Test
    void neighbouringIpv6NetworksHaveTheirOwnKeys() {
        assertNotEquals(AddressKeys.of("2001:db8:1:2::1"), AddressKeys.of("2001:db8:1:3::1"));
    }

    @Test
    void anUnknownAddressHasOneKey() {
        assertEquals(AddressKeys.UNKNOWN, AddressKeys.of(null));
    }
}
