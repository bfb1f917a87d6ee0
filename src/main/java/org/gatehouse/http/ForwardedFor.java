package org.gatehouse.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The client address of a request that may have passed through reverse proxies. {@code X-Forwarded-For}
 * is believed only as far as trusted proxies vouch for it: when the peer of the connection is a
 * trusted proxy, the hops of the header (all {@code X-Forwarded-For} headers, in order) are walked
 * from the right, skipping trusted proxies, and the first untrusted hop is the client. Anything a
 * client wrote to the left of that hop is ignored, so a client cannot choose its own address.
 */
final class ForwardedFor {

    private ForwardedFor() {
    }

    /**
     * The client address.
     *
     * @param peer    the address of the connection's peer
     * @param headerValues the {@code X-Forwarded-For} header values, in order (may give {@code null});
     *                asked for only when the peer is a trusted proxy, so that a request from anyone
     *                else pays nothing for the header
     * @param trusted canonical addresses of the trusted proxies
     * @return the peer when it is not trusted or there is no header; the right-most untrusted hop;
     *         the left-most hop when every hop is trusted; the last trusted hop reached when the next
     *         one to the left is not an IP address
     */
    static String clientAddress(String peer, Supplier<List<String>> headerValues, Set<String> trusted) {
        String current = IpAddresses.canonical(peer).orElse(peer);
        if (!trusted.contains(current)) {
            return current;
        }
        List<String> headers = headerValues.get();
        if (headers == null || headers.isEmpty()) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        headers.forEach(header -> hops.addAll(List.of(header.split(","))));
        for (int i = hops.size() - 1; i >= 0 && trusted.contains(current); i--) {
            Optional<String> hop = IpAddresses.canonical(hops.get(i));
            if (hop.isEmpty()) {
                return current;
            }
            current = hop.get();
        }
        return current;
    }
}
