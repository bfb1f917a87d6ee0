package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.appservice.AppService;
import org.gatehouse.appservice.AppServiceRegistry;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;

/**
 * {@code m.login.application_service} (spec: "Appservice Login"; Application Service API, "Server
 * admin style permissions"): an application service, authenticated by its {@code as_token}, logs
 * in as a registered user of its namespaces named by an {@code m.id.user} identifier. Offered only
 * while at least one application service is registered. Gatehouse supports the legacy login API,
 * so {@code M_APPSERVICE_LOGIN_UNSUPPORTED} never applies.
 * <ul>
 *   <li>no {@code as_token}, or another token → 401 {@code M_MISSING_TOKEN} or {@code M_UNKNOWN_TOKEN};</li>
 *   <li>a user outside the service's namespaces → 403 {@code M_EXCLUSIVE};</li>
 *   <li>a user that has not been registered → 403 {@code M_FORBIDDEN};</li>
 *   <li>a deactivated user → 403 {@code M_USER_DEACTIVATED}.</li>
 * </ul>
 */
@ApplicationScoped
public class AppServiceLoginMethod implements LoginMethod {

    @Inject
    AppServiceRegistry registry;

    @Inject
    RequestContext context;

    @Inject
    UserRepository users;

    @Inject
    ServerConfig server;

    @Inject
    Audit audit;

    @Override
    public String type() {
        return "m.login.application_service";
    }

    @Override
    public boolean enabled() {
        return registry.any();
    }

    @Override
    public User authenticate(LoginRequest request) {
        AppService service = registry.serviceOf(context.requester());
        UserId userId = UserIdentifiers.localpart(request.identifier(), request.user(), server.serverName())
                .map(localpart -> new UserId(localpart, server.serverName()))
                .filter(service::covers)
                .orElseThrow(() -> new MatrixException(403, ErrCode.M_EXCLUSIVE,
                        "The user is outside the namespaces of the application service " + service.id()));
        User user = users.findByLocalpart(userId.localpart()).orElse(null);
        if (user == null) {
            audit.loginFailed(userId.toString(), type(), "unknown_user");
            throw MatrixException.forbidden("The application service has not registered " + userId);
        }
        if (user.deactivated()) {
            audit.loginFailed(userId.toString(), type(), "deactivated");
            throw new MatrixException(403, ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        return user;
    }
}
