package org.gatehouse.login.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public keys written as PEM {@code PUBLIC KEY} blocks (RFC 7468, section 13: a DER
 * SubjectPublicKeyInfo in base64), RSA or EC. Whitespace inside the block is ignored, so the
 * block may be given on one line (as an environment variable usually is).
 */
final class PemPublicKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private PemPublicKeys() {
    }

    /**
     * The RSA or EC key of the one {@code PUBLIC KEY} block in {@code pem}.
     *
     * @throws IllegalArgumentException saying why when {@code pem} holds no such key
     */
    static PublicKey parse(String pem) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY----- block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the block is not base64");
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException e) {
                // not a key of this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("the block is neither an RSA nor an EC public key");
    }

    /** Whether the curve of {@code key} is the one {@code algorithm} signs with (ES256 with P-256 and so on). */
    static boolean curveFits(ECPublicKey key, JWSAlgorithm algorithm) {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        Set<Curve> curves = Curve.forJWSAlgorithm(algorithm);
        return curve != null && curves != null && curves.contains(curve);
    }
}
