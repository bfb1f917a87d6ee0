package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gatehouse.credential.PasswordHashing;
import org.gatehouse.credential.PasswordPolicy;
import org.gatehouse.appservice.ExclusiveNamespaces;
import org.gatehouse.config.RegistrationConfig;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.device.DeviceService;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.DeviceSession;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.User;
import org.gatehouse.infra.Audit;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;

/**
 * Shared-secret registration, compatible with Synapse's {@code /_synapse/admin/v1/register} so
 * that its {@code register_new_matrix_user} tool and test harnesses can create accounts: the
 * client fetches a single-use nonce, then proves knowledge of
 * {@code gatehouse.registration.shared-secret} with
 * {@code HMAC-SHA1(secret, nonce \0 username \0 password \0 admin|notadmin)} (hex). Disabled
 * while no secret is configured.
 */
@ApplicationScoped
public class SharedSecretRegistration {

    @Inject
    ExclusiveNamespaces exclusiveNamespaces;

    @Inject
    RegistrationConfig config;

    @Inject
    ServerConfig server;

    @Inject
    AccountCreator accounts;

    @Inject
    PasswordHashing hasher;

    @Inject
    Audit audit;

    @Inject
    Metrics metrics;

    @Inject
    PasswordPolicy policy;

    @Inject
    DeviceService devices;

    @Inject
    RegistrationNonces nonces;

    /** A new nonce ({@link RegistrationNonces}). */
    public String newNonce() {
        secret();
        return nonces.issue();
    }

    /**
     * Registers and logs in the account the request describes, in one transaction: the account
     * and its device session are committed together. The nonce stays used when the request is
     * refused (a wrong MAC, a weak password), unless the account could not be created.
     *
     * @throws MatrixException 400 {@code M_UNKNOWN} when disabled or for an unknown, used or
     *         expired nonce; 403 {@code M_FORBIDDEN} for a wrong MAC; 400
     *         {@code M_INVALID_USERNAME}, {@code M_EXCLUSIVE}, {@code M_USER_IN_USE} or
     *         {@code M_WEAK_PASSWORD}
     */
    @Transactional(dontRollbackOn = MatrixException.class)
    public DeviceSession register(SharedSecretRegisterRequest request) {
        String secret = secret();
        nonces.consume(request.nonce());
        String expected = mac(secret, request);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                request.mac().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw MatrixException.forbidden("HMAC incorrect");
        }
        String localpart = LocalpartRules.normalise(request.username());
        LocalpartRules.validateForRegistration(localpart, server.serverName());
        exclusiveNamespaces.checkAvailable(localpart);
        policy.check(request.password());
        User user = accounts.create(localpart, hasher.hash(request.password()), request.isAdmin(), false);
        audit.adminAction(null, request.isAdmin() ? "shared_secret_register_admin" : "shared_secret_register",
                "@" + localpart + ":" + server.serverName());
        metrics.counter(Figure.REGISTRATIONS, "shared_secret").increment();
        return devices.openSession(user, null, request.displayname(), false);
    }

    static String mac(String secret, SharedSecretRegisterRequest request) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String message = request.nonce() + '\0' + request.username() + '\0' + request.password() + '\0'
                    + (request.isAdmin() ? "admin" : "notadmin")
                    + (request.userType() == null ? "" : '\0' + request.userType());
            return HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    private String secret() {
        return config.sharedSecret().orElseThrow(() ->
                new MatrixException(400, ErrCode.M_UNKNOWN, "Shared secret registration is not enabled"));
    }
}
