package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.gatehouse.appservice.ExclusiveNamespaces;
import org.gatehouse.credential.PasswordBackends;
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
     * ({@link GuestUpgrade}); the request that completes the session must carry it too. Username, device ID and password checks run when they arrive; the username checks run
     * again at completion.
     *
     * @param body the raw request body, {@code auth} included
     * @throws MatrixException 400 {@code M_MISSING_PARAM} when authentication completes and no
     *         request of the session ever sent a password
     */
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
        String userId = outcome.result().orElseGet(() -> {
            Optional<String> requested = Optional.ofNullable(registration.username()).map(LocalpartRules::normalise);
            String created = registration.guestAccessToken() != null
                    ? guestUpgrade.upgrade(registration, outcome.secretHash())
                    : create(requested, outcome.secretHash());
            uia.finish(outcome.sessionId(), created);
            metrics.counter(Figure.REGISTRATIONS, "user").increment();
            return created;
        });
        if (registration.inhibitsLogin()) {
            return RegisterResponse.withoutLogin(userId);
        }
        User user = UserId.parse(userId).flatMap(id -> users.findByLocalpart(id.localpart()))
                .orElseThrow(() -> new IllegalStateException("Registered user vanished: " + userId));
        return RegisterResponse.of(devices.openSession(user, registration.deviceId(),
                registration.initialDeviceDisplayName(), registration.wantsRefreshToken()));
    }

    /**
     * Registers a guest account ({@code kind=guest}, spec: "Guest Access"): no authentication, a
     * server-chosen localpart and device ID, no password, no refresh token: every field of the
     * request but {@code initial_device_display_name} is ignored ({@code registration.yaml}).
     *
     * @throws MatrixException 403 {@code M_GUEST_ACCESS_FORBIDDEN} unless guests are allowed
     */
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
    private String create(Optional<String> requested, Optional<String> passwordHash) {
        String hash = passwordHash.orElseThrow(() -> MatrixException.missingParam("Missing parameter: password"));
        limits.consume(LimitName.REGISTRATION);
        User user;
        if (requested.isPresent()) {
            checkAvailable(requested.get());
            user = accounts.create(requested.get(), hash, false, false);
        } else {
            user = createWithGeneratedLocalpart(hash, false);
        }
        return new UserId(user.localpart(), server.serverName()).toString();
    }

    private User createWithGeneratedLocalpart(String passwordHash, boolean guest) {
        for (int attempt = 1; ; attempt++) {
            String localpart = LocalpartRules.generate(random);
            try {
                exclusiveNamespaces.checkAvailable(localpart);
                return accounts.create(localpart, passwordHash, false, guest);
            } catch (MatrixException taken) {
                if (attempt == GENERATED_LOCALPART_ATTEMPTS) {
                    throw taken;
                }
            }
        }
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
