package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.login.jwt.JwtSettings;

/**
 * Section {@code gatehouse.jwt.*}: JWT login ({@code org.matrix.login.jwt}), configured like
 * Synapse's {@code jwt_config}.
 *
 * <ul>
 * <li>{@code enabled} (false): offer and accept the login type.</li>
 * <li>Exactly one key: {@code secret} (an HMAC secret, at least as many bytes as the algorithm has
 * bits / 8; set it through the environment, {@code GATEHOUSE_JWT_SECRET}), {@code public-key} (an RSA
 * or EC public key, a PEM {@code PUBLIC KEY} block, line breaks optional) or {@code jwks-url} (an
 * HTTP(S) JSON Web Key Set, keys picked by {@code kid}).</li>
 * <li>{@code algorithm} (HS256): the accepted {@code alg} values, comma-separated, all of the key's
 * family.</li>
 * <li>{@code subject-claim} (sub): the claim holding the localpart.</li>
 * <li>{@code issuer}: when set, {@code iss} must equal it. {@code audiences} (comma-separated): when
 * set, {@code aud} must contain one of them; when not set, a token with {@code aud} is refused.</li>
 * <li>{@code create-users} (true): a subject without an account gets one, as in Synapse.</li>
 * <li>{@code require-expiry} (false): refuse tokens without {@code exp}.
 * {@code clock-skew-seconds} (60): tolerance for {@code exp} and {@code nbf}.</li>
 * </ul>
 */
@ApplicationScoped
public class JwtConfig implements ValidatedConfig {

    private JwtSettings settings;

    protected JwtConfig() {
    }

    @Inject
    public JwtConfig(@ConfigProperty(name = "gatehouse.jwt.enabled", defaultValue = "false") boolean enabled,
                     @ConfigProperty(name = "gatehouse.jwt.secret") Optional<String> secret,
                     @ConfigProperty(name = "gatehouse.jwt.public-key") Optional<String> publicKey,
                     @ConfigProperty(name = "gatehouse.jwt.jwks-url") Optional<String> jwksUrl,
                     @ConfigProperty(name = "gatehouse.jwt.algorithm", defaultValue = "HS256") String algorithm,
                     @ConfigProperty(name = "gatehouse.jwt.subject-claim", defaultValue = "sub") String subjectClaim,
                     @ConfigProperty(name = "gatehouse.jwt.issuer") Optional<String> issuer,
                     @ConfigProperty(name = "gatehouse.jwt.audiences") Optional<String> audiences,
                     @ConfigProperty(name = "gatehouse.jwt.create-users", defaultValue = "true") boolean createUsers,
                     @ConfigProperty(name = "gatehouse.jwt.require-expiry", defaultValue = "false") boolean requireExpiry,
                     @ConfigProperty(name = "gatehouse.jwt.clock-skew-seconds", defaultValue = "60") int clockSkewSeconds) {
        this.settings = new JwtSettings(enabled, present(secret), present(publicKey), present(jwksUrl),
                PasswordBackendConfig.commaSeparated(algorithm), subjectClaim.trim(), present(issuer),
                PasswordBackendConfig.commaSeparated(audiences.orElse("")), createUsers, requireExpiry, clockSkewSeconds);
    }

    /** The value, or {@code null} when unset or empty (an empty environment variable unsets a setting). */
    private static String present(Optional<String> value) {
        return value.filter(v -> !v.isEmpty()).orElse(null);
    }

    public JwtSettings settings() {
        return settings;
    }

    @Override
    public void validate(ConfigProblems problems) {
        settings.problems().forEach(problem -> problems.require(false, problem));
    }
}
