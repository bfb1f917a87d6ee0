package org.gatehouse.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gatehouse.config.TokenConfig;

/**
 * Derives the secret part of the token pair that refreshing a refresh token yields:
 * {@code HMAC-SHA256(refresh-secret, label \0 refresh token)}. A retried refresh (the client lost
 * the response) therefore yields the very same pair, without the server storing any token in
 * clear; concurrent refreshes with one token issue exactly one pair.
 */
@ApplicationScoped
public class RefreshDerivation {

    @Inject
    TokenConfig config;

    @Inject
    SecureRandom random;

    private byte[] key;

    @PostConstruct
    void loadKey() {
        key = config.refreshSecret().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] generated = new byte[32];
            random.nextBytes(generated);
            return generated;
        });
    }

    /** The nonce of the access token that refreshing {@code refreshToken} yields. */
    String accessNonce(String refreshToken) {
        return OpaqueTokens.derivedPart(hmac("access", refreshToken));
    }

    /** The secret part of the refresh token that refreshing {@code refreshToken} yields. */
    String refreshPart(String refreshToken) {
        return OpaqueTokens.derivedPart(hmac("refresh", refreshToken));
    }

    private byte[] hmac(String label, String refreshToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((label + '\0' + refreshToken).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
