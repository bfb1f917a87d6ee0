package org.gatehouse.sso;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templates over an identity provider's claims: {@code {claim}} is replaced by the claim's value
 * (a missing claim by nothing), e.g. {@code {preferred_username}} or {@code {given_name} {family_name}}.
 */
final class ClaimTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.:-]+)}");
    private static final String LOCALPART_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._-/+";

    private ClaimTemplate() {
    }

    /** {@code template} with every {@code {claim}} replaced by its string value, trimmed. */
    static String render(String template, Map<String, Object> claims) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = claims.get(matcher.group(1));
            String text = value == null || value instanceof Map || value instanceof Collection ? "" : value.toString();
            matcher.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        matcher.appendTail(out);
        return out.toString().trim();
    }

    /**
     * {@code text} as a localpart, after the spec's "Mapping from other character sets": ASCII
     * upper case becomes lower case, characters outside {@code a-z 0-9 . _ - / +} become
     * {@code =xx} for each byte of their UTF-8 (so {@code =} itself is {@code =3d}).
     */
    static String localpart(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            } else if (c < 0x80 && LOCALPART_CHARS.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('=').append(String.format("%02x", b & 0xff));
            }
        }
        return out.toString();
    }
}
