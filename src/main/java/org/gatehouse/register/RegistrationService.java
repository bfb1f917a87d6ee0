package org.gatehouse.register;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.gatehouse.appservice.ExclusiveNamespaces;
import org.gatehouse.credential.PasswordBackends;
import org.gatehouse.credential.PasswordHashing;
import org.gatehouse.credential.PasswordPolicy;
import org.gatehouse.config.RegistrationConfig;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.device.DeviceIds;
import org.gatehouse.device.DeviceService;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;
import org.gatehouse.uia.UiaOperation;
import org.gatehouse.uia.UiaOutcome;
import org.gatehouse.uia.UiaService;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * Account registration (spec: "Account registration", {@code POST /register},
 * {@code GET /register/available}). Username rules run before User-Interactive Authentication
 * starts and again when it completes; a completed session resubmitted returns the same user.
 */
@ApplicationScoped
public class RegistrationService {

    private static final int GENERATED_LOCALPART_ATTEMPTS = 5;

    /** A name a directory user would log in as (first login makes the account) is taken already. */
    @Inject
    PasswordBackends passwordBackends;

    @Inject
    RegistrationConfig config;

    @Inject
    ServerConfig server;

    @Inject
    UiaService uia;

    @Inject
    UserRepository users;

    @Inject
    AccountCreator accounts;

    @Inject
    GuestUpgrade guestUpgrade;

    @Inject
    PasswordHashing hasher;

    @Inject
    PasswordPolicy policy;

    @Inject
    DeviceService devices;

    @Inject
    SecureRandom random;

    @Inject
    RateLimiter limits;

    @Inject
    ExclusiveNamespaces exclusiveNamespaces;

    @Inject
    Metrics metrics;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** Fails the deployment when a configured flow names a stage type that does not exist. */
    void checkFlows(@Observes @Initialized(ApplicationScoped.class) Object event) {
        config.flows().stream().flatMap(List::stream).filter(type -> !uia.supports(type)).findFirst()
                .ifPresent(type -> {
                    throw new IllegalStateException("gatehouse.registration.flows names the unknown stage " + type);
                });
    }

    /**
     * Registers a user account ({@code kind=user}) through User-Interactive Authentication as real
     * clients drive it: the session is bound to {@code POST /register} only, the latest request
     * that carries registration parameters sets them ({@link RegistrationParameters}) and a later
     * one that omits them uses the remembered ones; the password is held in the session only as a
     * hash. A request that carries {@code guest_access_token} upgrades that guest instead
     * ({@link GuestUpgrade}); the request that completes the session must carry it too. Username,
     * device ID and password checks run when they arrive; the username checks run again at
     * completion.
     *
     * <p>One use case, one transaction. Advancing the
     * authentication session, claiming the name, storing the password hash, finishing the session
     * (which completes the use of a registration token) and opening the first device session are
     * committed together or not at all, so a crash or a failure leaves no account half made.
     *
     * <p>The session's row stays locked from {@link UiaService#authenticate} to the commit, so of
     * concurrent submissions of one session exactly one creates the account; the others wait and
     * then replay it. A replay ({@link #replay}) answers the same {@code user_id}, with a new
     * device and access token only when the request proves the account's password again and the
     * account is still active: a completed session is not a credential.
     *
     * <p>Progress of the session (a new session, a completed stage) is committed even when the
     * request ends in a 401 challenge; once the account is being created, any failure rolls
     * everything back, the name included.
     *
     * @param body the raw request body, {@code auth} included
     * @throws MatrixException 400 {@code M_MISSING_PARAM} when authentication completes and no
     *         request of the session ever sent a password
     */
    @Transactional(dontRollbackOn = MatrixException.class)
    public RegisterResponse registerUser(RegisterRequest request, JsonObject body) {
        requireEnabled();
        boolean resubmission = uia.isFinished(body);
        boolean upgrade = request.guestAccessToken() != null;
        if (!resubmission && upgrade) {
            guestUpgrade.guestLocalpart(request);
        } else if (!resubmission && request.username() != null) {
            checkAvailable(LocalpartRules.normalise(request.username()));
        }
        if (request.deviceId() != null && !DeviceIds.isValid(request.deviceId())) {
            throw MatrixException.invalidParam("device_id is not a valid device ID");
        }
        if (request.password() != null && !resubmission) {
            policy.check(request.password());
        }
        UiaOutcome outcome = uia.authenticate(UiaOperation.forRegistration("/register", body,
                RegistrationParameters.carriedBy(request), request.password(), config.flows()));
        RegisterRequest registration = RegistrationParameters.merged(request, outcome.parameters());
        if (outcome.result().isPresent()) {
            return replay(outcome.result().get(), registration);
        }
        try {
            Optional<String> requested = Optional.ofNullable(registration.username()).map(LocalpartRules::normalise);
            String userId = registration.guestAccessToken() != null
                    ? guestUpgrade.upgrade(registration, outcome.secretHash())
                    : userId(create(requested, outcome.secretHash()));
            uia.finish(outcome.sessionId(), userId);
            metrics.counter(Figure.REGISTRATIONS, "user").increment();
            if (registration.inhibitsLogin()) {
                return RegisterResponse.withoutLogin(userId);
            }
            User user = UserId.parse(userId).flatMap(id -> users.findByLocalpart(id.localpart()))
                    .orElseThrow(() -> new IllegalStateException("Registered user vanished: " + userId));
            return RegisterResponse.of(devices.openSession(user, registration.deviceId(),
                    registration.initialDeviceDisplayName(), registration.wantsRefreshToken()));
        } catch (RuntimeException failure) {
            transaction.setRollbackOnly();
            throw failure;
        }
    }

    /**
     * The answer to a submission of a session whose registration already succeeded: the same
     * {@code user_id}; a new device session only when login is not inhibited, the account is
     * still active, and the request carries the account's password. The account's row is locked
     * before it is checked, as deactivation locks it, so a deactivation is either seen here or
     * waits for this transaction and then deletes the device it opened.
     */
    private RegisterResponse replay(String userId, RegisterRequest registration) {
        if (registration.inhibitsLogin() || registration.password() == null) {
            return RegisterResponse.withoutLogin(userId);
        }
        return UserId.parse(userId).flatMap(id -> users.findByLocalpart(id.localpart()))
                .flatMap(user -> users.findByIdForUpdate(user.id()))
                .filter(user -> !user.deactivated() && user.passwordHash() != null)
                .filter(user -> hasher.verify(registration.password(), user.passwordHash()))
                .map(user -> RegisterResponse.of(devices.openSession(user, registration.deviceId(),
                        registration.initialDeviceDisplayName(), registration.wantsRefreshToken())))
                .orElseGet(() -> RegisterResponse.withoutLogin(userId));
    }

    /**
     * Registers a guest account ({@code kind=guest}, spec: "Guest Access"): no authentication, a
     * server-chosen localpart and device ID, no password, no refresh token: every field of the
     * request but {@code initial_device_display_name} is ignored ({@code registration.yaml}). The
     * account and its device session are one transaction.
     *
     * @throws MatrixException 403 {@code M_GUEST_ACCESS_FORBIDDEN} unless guests are allowed
     */
    @Transactional
    public RegisterResponse registerGuest(RegisterRequest request) {
        if (!config.allowGuests()) {
            throw new MatrixException(403, ErrCode.M_GUEST_ACCESS_FORBIDDEN, "Guest access is disabled");
        }
        limits.consume(LimitName.REGISTRATION);
        User guest = createWithGeneratedLocalpart(null, true);
        metrics.counter(Figure.REGISTRATIONS, "guest").increment();
        return RegisterResponse.of(devices.openSession(guest, null, request.initialDeviceDisplayName(), false));
    }

    /**
     * Whether {@code username} may be registered.
     *
     * @throws MatrixException 400 {@code M_INVALID_USERNAME}, {@code M_EXCLUSIVE} (a name an
     *         application service reserves, unless it asks) or {@code M_USER_IN_USE}; 403 when
     *         registration is disabled
     */
    public void checkAvailability(String username) {
        requireEnabled();
        if (username == null) {
            throw MatrixException.missingParam("Missing parameter: username");
        }
        checkAvailable(LocalpartRules.normalise(username));
    }

    /**
     * Creates the account with the password hash the UIA session holds.
     *
     * @throws MatrixException 400 {@code M_MISSING_PARAM} when no password was ever sent
     */
    private User create(Optional<String> requested, Optional<String> passwordHash) {
        String hash = passwordHash.orElseThrow(() -> MatrixException.missingParam("Missing parameter: password"));
        limits.consume(LimitName.REGISTRATION);
        if (requested.isPresent()) {
            checkAvailable(requested.get());
            return accounts.create(requested.get(), hash, false, false);
        }
        return createWithGeneratedLocalpart(hash, false);
    }

    private String userId(User user) {
        return new UserId(user.localpart(), server.serverName()).toString();
    }

    private User createWithGeneratedLocalpart(String passwordHash, boolean guest) {
        for (int attempt = 1; attempt <= GENERATED_LOCALPART_ATTEMPTS; attempt++) {
            String localpart = LocalpartRules.generate(random);
            if (isFree(localpart)) {
                return accounts.create(localpart, passwordHash, false, guest);
            }
        }
        throw AccountCreator.userInUse();
    }

    /** Whether a generated localpart is neither taken nor reserved by an application service. */
    private boolean isFree(String localpart) {
        try {
            exclusiveNamespaces.checkAvailable(localpart);
        } catch (MatrixException reserved) {
            return false;
        }
        return !users.existsByLocalpart(localpart);
    }

    private void checkAvailable(String localpart) {
        LocalpartRules.validateForRegistration(localpart, server.serverName());
        exclusiveNamespaces.checkAvailable(localpart);
        if (users.existsByLocalpart(localpart) || passwordBackends.claimedElsewhere(localpart)) {
            throw AccountCreator.userInUse();
        }
    }

    private void requireEnabled() {
        if (!config.enabled()) {
            throw MatrixException.forbidden("Registration has been disabled");
        }
    }
}
