package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.gatehouse.appservice.AppService;
import org.gatehouse.appservice.AppServiceRegistry;
import org.gatehouse.appservice.ExclusiveNamespaces;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.device.DeviceIds;
import org.gatehouse.device.DeviceService;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.DatabaseOutage;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;

/**
 * Registration by an application service (spec: Application Service API, "Server admin style
 * permissions"; {@code registration.yaml}): {@code POST /register} with the service's
 * {@code as_token} and {@code type: m.login.application_service}, or the legacy body with neither
 * {@code type} nor {@code auth}. The user must lie in one of the service's user namespaces (or be
 * its sender) and in no other service's exclusive namespace; the account has no password, no
 * User-Interactive Authentication is asked for, public registration need not be enabled, and
 * {@code inhibit_login} is honoured. The account, its device and its tokens are created in one
 * transaction.
 */
@ApplicationScoped
public class AppServiceRegistration {

    /** The registration type of application services. */
    static final String TYPE = "m.login.application_service";

    @Inject
    RequestContext context;

    @Inject
    AppServiceRegistry registry;

    @Inject
    ExclusiveNamespaces exclusiveNamespaces;

    @Inject
    ServerConfig server;

    @Inject
    UserRepository users;

    @Inject
    DeviceService devices;

    @Inject
    RateLimiter limits;

    @Inject
    Clock clock;

    @Inject
    Metrics metrics;

    /**
     * Whether the request is an application service's registration: {@code type} is
     * {@code m.login.application_service}, or the body has neither {@code type} nor {@code auth}
     * and comes with an application service's {@code as_token}.
     */
    public boolean isRequested(RegisterRequest request, JsonObject body) {
        if (request.type() != null) {
            return TYPE.equals(request.type());
        }
        return !body.containsKey("auth") && context.optionalRequester().map(Requester::isAppService).orElse(false);
    }

    /**
     * Registers {@code username} for the requesting application service.
     *
     * @throws MatrixException 401 {@code M_MISSING_TOKEN} or {@code M_UNKNOWN_TOKEN} without an
     *         application service's {@code as_token}; 400 {@code M_MISSING_PARAM} without
     *         {@code username}, {@code M_INVALID_USERNAME}, {@code M_EXCLUSIVE} outside the
     *         service's namespaces or inside another service's exclusive one, {@code M_USER_IN_USE},
     *         {@code M_INVALID_PARAM} for a malformed {@code device_id}; 429 when the service is
     *         rate-limited and over the {@code registration} limit
     */
    @Transactional
    public RegisterResponse register(RegisterRequest request) {
        AppService service = registry.serviceOf(context.requester());
        if (request.username() == null) {
            throw MatrixException.missingParam("Missing parameter: username");
        }
        String localpart = LocalpartRules.normalise(request.username());
        LocalpartRules.validateForRegistration(localpart, server.serverName());
        UserId userId = new UserId(localpart, server.serverName());
        if (!service.covers(userId)) {
            throw new MatrixException(400, ErrCode.M_EXCLUSIVE,
                    userId + " is outside the namespaces of the application service " + service.id());
        }
        exclusiveNamespaces.checkAvailable(userId, service.id());
        if (request.deviceId() != null && !DeviceIds.isValid(request.deviceId())) {
            throw MatrixException.invalidParam("device_id is not a valid device ID");
        }
        limits.consume(LimitName.REGISTRATION);
        User user = insert(localpart);
        metrics.counter(Figure.REGISTRATIONS, "appservice").increment();
        if (request.inhibitsLogin()) {
            return RegisterResponse.withoutLogin(userId.toString());
        }
        return RegisterResponse.of(devices.openSession(user, request.deviceId(), request.initialDeviceDisplayName(),
                request.wantsRefreshToken()));
    }

    private User insert(String localpart) {
        if (users.existsByLocalpart(localpart)) {
            throw AccountCreator.userInUse();
        }
        try {
            return users.insert(new User(localpart, null, false, false, clock.millis()));
        } catch (PersistenceException concurrentlyTaken) {
            if (DatabaseOutage.isCause(concurrentlyTaken)) {
                throw concurrentlyTaken;
            }
            throw AccountCreator.userInUse();
        }
    }
}
