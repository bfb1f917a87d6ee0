package org.gatehouse.appservice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.gatehouse.device.Device;
import org.gatehouse.device.DeviceRepository;
import org.gatehouse.http.Requester;
import org.gatehouse.http.Requester.AppServiceActor;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.AccessTokenKind;
import org.gatehouse.token.IdentityAssertion;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;

/**
 * An application service's {@code as_token} as an access token (spec: Application Service API,
 * "Identity assertion"). The request acts as the service's sender, or as the {@code user_id} it
 * asserts when that user is covered by one of the service's user namespaces and registered; with
 * {@code device_id} (spec v1.17), as that device of the user.
 * <ul>
 *   <li>{@code user_id} outside the service's namespaces, or not a user of this server → 403
 *       {@code M_FORBIDDEN};</li>
 *   <li>a covered user that has not been registered → 403 {@code M_FORBIDDEN};</li>
 *   <li>a deactivated user → 403 {@code M_USER_DEACTIVATED};</li>
 *   <li>{@code device_id} that is not a device of the user → 400 {@code M_UNKNOWN_DEVICE}.</li>
 * </ul>
 */
@ApplicationScoped
public class AppServiceTokenKind implements AccessTokenKind {

    @Inject
    AppServiceRegistry registry;

    @Inject
    UserRepository users;

    @Inject
    DeviceRepository devices;

    @Override
    public Optional<Requester> authenticate(String tokenHash, IdentityAssertion assertion) {
        return registry.byAsTokenHash(tokenHash).map(service -> actingAs(service, assertion));
    }

    private Requester actingAs(AppService service, IdentityAssertion assertion) {
        UserId target = assertion.userId() == null ? service.sender() : UserId.parse(assertion.userId())
                .filter(service::covers)
                .orElseThrow(() -> MatrixException.forbidden(
                        "The application service cannot masquerade as " + assertion.userId()));
        User user = users.findByLocalpart(target.localpart())
                .orElseThrow(() -> MatrixException.forbidden("The application service has not registered " + target));
        if (user.deactivated()) {
            throw new MatrixException(403, ErrCode.M_USER_DEACTIVATED, target + " has been deactivated");
        }
        Device device = assertion.deviceId() == null ? null : devices.find(user.id(), assertion.deviceId())
                .orElseThrow(() -> new MatrixException(400, ErrCode.M_UNKNOWN_DEVICE,
                        "The device " + assertion.deviceId() + " does not belong to " + target));
        return new Requester(user.id(), target.toString(), device == null ? null : device.id(),
                device == null ? null : device.deviceId(), null, user.guest(), user.admin(),
                new AppServiceActor(service.id(), service.rateLimited()), user.locked(), user.suspended());
    }
}
