package org.gatehouse.appservice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.UserId;

/**
 * Keeps the user names that application services claim exclusively out of everyone else's reach
 * (spec: Application Service API, "Server admin style permissions": "normal users who attempt to
 * create users … inside an application service-defined namespace will receive the same
 * {@code M_EXCLUSIVE} error code, but only if the application service has defined the namespace as
 * {@code exclusive}"; {@code registration.yaml}: 400 {@code M_EXCLUSIVE}).
 */
@ApplicationScoped
public class ExclusiveNamespaces {

    @Inject
    AppServiceRegistry registry;

    @Inject
    ServerConfig server;

    @Inject
    RequestContext context;

    /**
     * Refuses {@code localpart} (a valid localpart for registration) when an application service
     * other than the one making the current request, if any, claims it exclusively.
     *
     * @throws MatrixException 400 {@code M_EXCLUSIVE}
     */
    public void checkAvailable(String localpart) {
        if (!registry.any()) {
            return;
        }
        String requesting = context.optionalRequester().map(Requester::appService)
                .map(Requester.AppServiceActor::id).orElse(null);
        checkAvailable(new UserId(localpart, server.serverName()), requesting);
    }

    /**
     * Refuses {@code user} when an application service other than {@code allowedServiceId}
     * ({@code null} for none) claims it exclusively.
     *
     * @throws MatrixException 400 {@code M_EXCLUSIVE}
     */
    public void checkAvailable(UserId user, String allowedServiceId) {
        if (registry.exclusiveOwners(user).stream().anyMatch(owner -> !owner.id().equals(allowedServiceId))) {
            throw exclusive("The user ID " + user + " is reserved by an application service");
        }
    }

    static MatrixException exclusive(String message) {
        return new MatrixException(400, ErrCode.M_EXCLUSIVE, message);
    }
}
