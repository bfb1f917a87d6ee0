package org.gatehouse.login;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gatehouse.device.DeviceService;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.infra.Audit;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * Logging in (spec: "Login"): the {@link LoginMethod} named by {@code type} proves the user, then
 * {@link DeviceService} opens a session on the requested or a new device.
 */
@ApplicationScoped
public class LoginService {

    @Inject
    @Any
    Instance<LoginMethod> methodBeans;

    @Inject
    DeviceService devices;

    @Inject
    RateLimiter limits;

    @Inject
    Audit audit;

    @Inject
    ServerConfig server;

    @Inject
    Event<LoginSucceeded> loggedIn;

    private Map<String, LoginMethod> methods;

    @PostConstruct
    void collectMethods() {
        Map<String, LoginMethod> found = new TreeMap<>();
        methodBeans.forEach(method -> found.put(method.type(), method));
        methods = Map.copyOf(found);
    }

    /** The login flows {@code GET /login} advertises, ordered by type. */
    public List<JsonObject> flows() {
        return methods.values().stream().filter(LoginMethod::enabled).sorted(Comparator.comparing(LoginMethod::type)).map(LoginMethod::flow).toList();
    }

    /**
     * Logs in.
     *
     * @throws MatrixException 400 {@code M_UNKNOWN} for a login type that is not offered; 401
     *         {@code M_USER_LOCKED} ({@code soft_logout: true}) for the proven user of a locked
     *         account (spec: "Account locking"), told only after the credentials are proven; or
     *         what the login method throws
     */
    public LoginResponse login(LoginRequest request) {
        limits.consume(LimitName.LOGIN_ADDRESS);
        LoginMethod method = methods.get(request.type());
        if (method == null || !method.enabled()) {
            throw new MatrixException(400, ErrCode.M_UNKNOWN, "Unknown login type " + request.type());
        }
        User user = method.authenticate(request);
        if (user.locked()) {
            audit.loginFailed(new UserId(user.localpart(), server.serverName()).toString(), request.type(), "locked");
            throw MatrixException.userLocked();
        }
        limits.consume(LimitName.LOGIN_ACCOUNT, limits.userKey(user));
        LoginResponse response = LoginResponse.of(devices.openSession(user, request.deviceId(),
                request.initialDeviceDisplayName(), request.wantsRefreshToken()));
        audit.loginSucceeded(response.userId(), response.deviceId(), request.type());
        loggedIn.fire(new LoginSucceeded(request.type(), request.token(), user.id(), response.deviceId()));
        return response;
    }
}
