package org.gatehouse.login.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of JWT login ({@code gatehouse.jwt.*}), as read from configuration, and the rules
 * that make them consistent. Exactly one key source is set when enabled: {@code secret} (HMAC),
 * {@code publicKey} (an RSA or EC public key in PEM) or {@code jwksUrl} (a JSON Web Key Set over
 * HTTP(S)); {@code algorithms} are the accepted {@code alg} header values, all of the key's family.
 *
 * @param enabled          whether {@code org.matrix.login.jwt} is offered
 * @param secret           the HMAC secret (its UTF-8 bytes are the key), or {@code null}
 * @param publicKey        the PEM public key, or {@code null}
 * @param jwksUrl          the JWKS URL, or {@code null}
 * @param algorithms       the accepted algorithms (e.g. {@code HS256}, {@code RS256, ES256})
 * @param subjectClaim     the claim whose string value is the localpart
 * @param issuer           the required {@code iss}, or {@code null} for none
 * @param audiences        the accepted {@code aud} values; empty means a token must carry no {@code aud}
 * @param createUsers      whether a subject without an account gets one
 * @param requireExpiry    whether a token without {@code exp} is refused
 * @param clockSkewSeconds the tolerance for {@code exp} and {@code nbf}
 */
public record JwtSettings(boolean enabled, String secret, String publicKey, String jwksUrl, List<String> algorithms,
                          String subjectClaim, String issuer, List<String> audiences, boolean createUsers,
                          boolean requireExpiry, int clockSkewSeconds) {

    /** The prefix of every setting. */
    public static final String PREFIX = "gatehouse.jwt.";

    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    public JwtSettings {
        algorithms = List.copyOf(algorithms);
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(subjectClaim, "subjectClaim");
    }

    /** The key source these settings name. */
    public enum KeyKind { SECRET, PUBLIC_KEY, JWKS }

    /** The key source set, when exactly one is. */
    public Optional<KeyKind> keyKind() {
        List<KeyKind> set = keysSet();
        return set.size() == 1 ? Optional.of(set.get(0)) : Optional.empty();
    }

    /** The accepted algorithms, parsed; names that are not a supported signature algorithm are left out. */
    public Set<JWSAlgorithm> acceptedAlgorithms() {
        Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
        for (String name : algorithms) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name.trim().toUpperCase(Locale.ROOT));
            if (HMAC.contains(algorithm) || RSA.contains(algorithm) || EC.contains(algorithm)) {
                accepted.add(algorithm);
            }
        }
        return accepted;
    }

    /**
     * One sentence per invalid or inconsistent setting, each naming it; empty when the settings
     * are usable (or JWT login is disabled, when nothing else is checked).
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!enabled) {
            return problems;
        }
        List<KeyKind> keys = keysSet();
        if (keys.isEmpty()) {
            problems.add(PREFIX + "enabled is true but none of " + PREFIX + "secret, " + PREFIX + "public-key and "
                    + PREFIX + "jwks-url is set");
        } else if (keys.size() > 1) {
            problems.add("Set only one of " + PREFIX + "secret, " + PREFIX + "public-key and " + PREFIX + "jwks-url");
        }
        if (subjectClaim.isBlank()) {
            problems.add(PREFIX + "subject-claim must not be empty");
        }
        if (clockSkewSeconds < 0 || clockSkewSeconds > 300) {
            problems.add(PREFIX + "clock-skew-seconds must be between 0 and 300, was " + clockSkewSeconds);
        }
        if (issuer != null && issuer.isBlank()) {
            problems.add(PREFIX + "issuer must not be blank when set");
        }
        problems.addAll(algorithmProblems());
        if (keys.size() == 1) {
            switch (keys.get(0)) {
                case SECRET -> problems.addAll(secretProblems());
                case PUBLIC_KEY -> problems.addAll(publicKeyProblems());
                case JWKS -> problems.addAll(jwksProblems());
            }
        }
        return problems;
    }

    private List<KeyKind> keysSet() {
        List<KeyKind> set = new ArrayList<>();
        if (secret != null) {
            set.add(KeyKind.SECRET);
        }
        if (publicKey != null) {
            set.add(KeyKind.PUBLIC_KEY);
        }
        if (jwksUrl != null) {
            set.add(KeyKind.JWKS);
        }
        return set;
    }

    private List<String> algorithmProblems() {
        List<String> problems = new ArrayList<>();
        if (algorithms.isEmpty()) {
            problems.add(PREFIX + "algorithm must name at least one algorithm");
        }
        for (String name : algorithms) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name.trim().toUpperCase(Locale.ROOT));
            if (!HMAC.contains(algorithm) && !RSA.contains(algorithm) && !EC.contains(algorithm)) {
                problems.add(PREFIX + "algorithm: '" + name + "' is not supported; use HS256, HS384, HS512, RS256, RS384,"
                        + " RS512, PS256, PS384, PS512, ES256, ES384 or ES512");
            }
        }
        return problems;
    }

    private List<String> secretProblems() {
        List<String> problems = new ArrayList<>();
        int bits = secret.getBytes(StandardCharsets.UTF_8).length * 8;
        for (JWSAlgorithm algorithm : acceptedAlgorithms()) {
            if (!HMAC.contains(algorithm)) {
                problems.add(PREFIX + "algorithm " + algorithm + " needs a public key (" + PREFIX + "public-key or "
                        + PREFIX + "jwks-url), not " + PREFIX + "secret");
            } else if (bits < hmacBits(algorithm)) {
                problems.add(PREFIX + "secret is too short for " + algorithm + ": it must be at least "
                        + hmacBits(algorithm) / 8 + " bytes");
            }
        }
        return problems;
    }

    private List<String> publicKeyProblems() {
        PublicKey key;
        try {
            key = PemPublicKeys.parse(publicKey);
        } catch (IllegalArgumentException e) {
            return List.of(PREFIX + "public-key is not a PEM RSA or EC public key: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (JWSAlgorithm algorithm : acceptedAlgorithms()) {
            boolean fits = key instanceof RSAPublicKey ? RSA.contains(algorithm)
                    : key instanceof ECPublicKey ec && EC.contains(algorithm) && PemPublicKeys.curveFits(ec, algorithm);
            if (!fits) {
                problems.add(PREFIX + "algorithm " + algorithm + " cannot be verified with the " + key.getAlgorithm()
                        + " key of " + PREFIX + "public-key");
            }
        }
        return problems;
    }

    private List<String> jwksProblems() {
        List<String> problems = new ArrayList<>();
        try {
            URI uri = new URI(jwksUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                problems.add(PREFIX + "jwks-url must be an http(s) URL, was " + jwksUrl);
            }
        } catch (URISyntaxException e) {
            problems.add(PREFIX + "jwks-url is not a URL: " + e.getMessage());
        }
        for (JWSAlgorithm algorithm : acceptedAlgorithms()) {
            if (HMAC.contains(algorithm)) {
                problems.add(PREFIX + "algorithm " + algorithm + " is an HMAC algorithm; with " + PREFIX
                        + "jwks-url only public-key algorithms are accepted");
            }
        }
        return problems;
    }

    private static int hmacBits(JWSAlgorithm algorithm) {
        return Integer.parseInt(algorithm.getName().substring(2));
    }
}
