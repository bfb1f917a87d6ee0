package org.gatehouse.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.gatehouse.http.IpAddresses;

/**
 * The bucket key of a client address. An IPv4 address is its own key; an IPv6 address is keyed by
 * its /64 network ({@code 2001:db8:1:2::/64}), the smallest block a site or a home is given, so
 * that a client cannot take a fresh bucket for every one of its 2<sup>64</sup> addresses.
 */
final class AddressKeys {

    /** The key used when the request's address is not known. */
    static final String UNKNOWN = "unknown";

    private static final int IPV6_NETWORK_BYTES = 8;

    private AddressKeys() {
    }

    /** The key of {@code address} (an IP literal as the request context holds it, or {@code null}). */
    static String of(String address) {
        if (address == null) {
            return UNKNOWN;
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        return IpAddresses.canonical(address).map(AddressKeys::ipv6Network).orElse(address);
    }

    /** The /64 network of an IPv6 literal (which names no host, so no lookup is made). */
    private static String ipv6Network(String canonical) {
        try {
            InetAddress parsed = InetAddress.getByName(canonical);
            if (!(parsed instanceof Inet6Address)) {
                return canonical;
            }
            byte[] network = Arrays.copyOf(Arrays.copyOf(parsed.getAddress(), IPV6_NETWORK_BYTES), 16);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return canonical;
        }
    }
}
