package org.gatehouse.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The client's {@code redirectUrl} of {@code /login/sso/redirect} (spec: "SSO client login").
 * Accepted: an absolute URI of at most 2048 characters whose scheme is not one a browser would run
 * or read locally ({@code javascript}, {@code data}, {@code vbscript}, {@code file}, {@code blob});
 * custom schemes of native apps are fine. The login token is added as the {@code loginToken} query
 * parameter after removing any the URL already had, before the fragment.
 */
final class RedirectUrls {

    static final int MAX_LENGTH = 2048;
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "vbscript", "file", "blob", "about");

    private RedirectUrls() {
    }

    /** {@code value} as a redirect URL, or empty when it is not acceptable. */
    static Optional<URI> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || FORBIDDEN_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code redirectUrl} with {@code loginToken=token} as its only {@code loginToken} parameter. */
    static String withLoginToken(String redirectUrl, String token) {
        int hash = redirectUrl.indexOf('#');
        String fragment = hash < 0 ? "" : redirectUrl.substring(hash);
        String beforeFragment = hash < 0 ? redirectUrl : redirectUrl.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String base = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
        StringBuilder query = new StringBuilder();
        if (question >= 0) {
            for (String parameter : beforeFragment.substring(question + 1).split("&")) {
                String name = parameter.split("=", 2)[0];
                if (!parameter.isEmpty() && !name.equals("loginToken")) {
                    query.append(parameter).append('&');
                }
            }
        }
        query.append("loginToken=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        return base + "?" + query + fragment;
    }

    /**
     * Whether {@code redirectUrl} is one of the trusted prefixes or lies under one; a prefix
     * without a trailing {@code /} counts as that URL or a path below it, so that
     * {@code https://app.example} does not trust {@code https://app.example.evil}.
     */
    static boolean trusted(String redirectUrl, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> prefix.endsWith("/") ? redirectUrl.startsWith(prefix)
                : redirectUrl.equals(prefix) || redirectUrl.startsWith(prefix + "/") || redirectUrl.startsWith(prefix + "?"));
    }

    /** The host (or, for a URI without one, the scheme) to name on the confirmation page. */
    static String displayedHost(String redirectUrl) {
        URI uri = URI.create(redirectUrl);
        return uri.getHost() != null ? uri.getHost() : uri.getScheme() + ":";
    }
}
