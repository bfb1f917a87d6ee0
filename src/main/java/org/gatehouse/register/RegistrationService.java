package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /** Fails the deployment when a configured flow names a stage type that does not exist. */
    void checkFlows(@Observes @Initialized(ApplicationScoped.class) Object event) {
        config.flows().stream().flatMap(List::stream).filter(type -> !uia.supports(type)).findFirst()
                .ifPresent(type -> {
                    throw new IllegalStateException("gatehouse.registration.flows names the unknown stage " + type);
                });
    }

    /**
     * Registers a user account ({@code kind=user}).
     *
     * @param body the raw request body, {@code auth} included
     */
    public RegisterResponse registerUser(RegisterRequest request, JsonObject body) {
        requireEnabled();
        Optional<String> requested = Optional.ofNullable(request.username()).map(LocalpartRules::normalise);
        boolean resubmission = uia.isFinished(body);
        if (!resubmission) {
            requested.ifPresent(this::checkAvailable);
        }
        if (request.deviceId() != null && !DeviceIds.isValid(request.deviceId())) {
            throw MatrixException.invalidParam("device_id is not a valid device ID");
        }
        if (request.password() != null && !resubmission) {
            policy.check(request.password());
        }
        UiaOperation operation = new UiaOperation("POST", "/register", body, Set.of("password"), null, config.flows(), true);
        UiaOutcome outcome = uia.authenticate(operation);
        String userId = outcome.result().orElseGet(() -> {
            String created = create(requested, request.password());
            uia.finish(outcome.sessionId(), created);
            metrics.counter(Figure.REGISTRATIONS, "user").increment();
            return created;
        });
        if (request.inhibitsLogin()) {
            return RegisterResponse.withoutLogin(userId);
        }
        User user = UserId.parse(userId).flatMap(id -> users.findByLocalpart(id.localpart()))
                .orElseThrow(() -> new IllegalStateException("Registered user vanished: " + userId));
        return RegisterResponse.of(devices.openSession(user, request.deviceId(), request.initialDeviceDisplayName(),
                request.wantsRefreshToken()));
    }

    /**
     * Registers a guest account ({@code kind=guest}, spec: "Guest Access"): no authentication, a
     * server-chosen localpart, no password.
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
        return RegisterResponse.of(devices.openSession(guest, null, request.initialDeviceDisplayName(),
                request.wantsRefreshToken()));
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

    private String create(Optional<String> requested, String password) {
        if (password == null) {
            throw MatrixException.missingParam("Missing parameter: password");
        }
        limits.consume(LimitName.REGISTRATION);
        User user;
        if (requested.isPresent()) {
            checkAvailable(requested.get());
            user = claimThenHash(requested.get(), password);
        } else {
            user = createWithGeneratedLocalpart(hasher.hash(password), false);
        }
        return new UserId(user.localpart(), server.serverName()).toString();
    }

    /**
     * Claims the name first, so that of concurrent registrations of one name the losers learn it
     * ({@code M_USER_IN_USE}) without any hashing work, then hashes the password into the account;
     * if hashing fails (e.g. the hashing pool is full), the claimed account is released.
     */
    private User claimThenHash(String localpart, String password) {
        User user = accounts.create(localpart, null, false, false);
        try {
            accounts.setPasswordHash(user.id(), hasher.hash(password));
        } catch (RuntimeException failure) {
            accounts.release(user.id());
            throw failure;
        }
        return user;
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
