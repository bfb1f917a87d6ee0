package org.gatehouse.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without ever resolving a host name. The answers for the last texts
 * asked about are remembered (at most {@value #REMEMBERED} of them; the memory is emptied when it
 * is full), since a server sees the same few peers — its reverse proxy, its clients — on every
 * request, and the client address is parsed on every authenticated request (the device's
 * last-seen record; docs/benchmarks.md §16).
 */
public final class IpAddresses {

    static final int REMEMBERED = 1024;

    private static final ConcurrentHashMap<String, Optional<String>> KNOWN = new ConcurrentHashMap<>();

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]{2,45}]?");

    private IpAddresses() {
    }

    /**
     * The canonical text of an IPv4 or IPv6 literal ({@code 10.0.0.1}, {@code ::1},
     * {@code [::1]}), or empty for anything else, host names included (no DNS lookup is made).
     */
    public static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<String> known = KNOWN.get(text);
        if (known != null) {
            return known;
        }
        Optional<String> answer = parse(text);
        if (KNOWN.size() >= REMEMBERED) {
            KNOWN.clear();
        }
        KNOWN.put(text, answer);
        return answer;
    }

    /** How many answers are remembered now (for tests). */
    static int remembered() {
        return KNOWN.size();
    }

    private static Optional<String> parse(String text) {
        String trimmed = text.trim();
        boolean v4 = IPV4.matcher(trimmed).matches();
        if (!v4 && !(trimmed.indexOf(':') >= 0 && IPV6.matcher(trimmed).matches())) {
            return Optional.empty();
        }
        if (v4 && !octetsInRange(trimmed)) {
            return Optional.empty();
        }
        try {
            String literal = trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
            return Optional.of(InetAddress.getByName(literal).getHostAddress());
        } catch (UnknownHostException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean octetsInRange(String v4) {
        for (String octet : v4.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
