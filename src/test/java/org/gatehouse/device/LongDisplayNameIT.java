package org.gatehouse.device;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.REGISTER;
import static org.gatehouse.testing.Accounts.dummyAuth;
import static org.gatehouse.testing.Accounts.passwordLogin;
import static org.gatehouse.testing.Accounts.registration;
import static org.gatehouse.testing.Accounts.withAuth;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.List;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A device display name longer than Gatehouse stores ({@value Device#MAX_DISPLAY_NAME_LENGTH}
 * characters) is 400 {@code M_INVALID_PARAM} before anything is created, wherever it is given:
 * login and registration ({@code initial_device_display_name}), shared-secret registration
 * ({@code displayname}).
 */
class LongDisplayNameIT extends ClientIT {

    private static final String TOO_LONG = "x".repeat(Device.MAX_DISPLAY_NAME_LENGTH + 1);
    private static final String LONGEST = "y".repeat(Device.MAX_DISPLAY_NAME_LENGTH);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void loginWithATooLongDisplayNameIsInvalidAndCreatesNoDevice() {
        Account account = accounts.register();

        MatrixHttp.Reply reply = http.post(LOGIN, passwordLogin(account.localpart(), PASSWORD)
                .add("initial_device_display_name", TOO_LONG).build());

        assertError(reply, 400, "M_INVALID_PARAM");
        assertEquals(List.of(account.deviceId()), deviceIds(account));
    }

    @Test
    void loginWithTheLongestDisplayNameKeepsIt() {
        Account account = accounts.register();

        MatrixHttp.Reply reply = http.post(LOGIN, passwordLogin(account.localpart(), PASSWORD)
                .add("initial_device_display_name", LONGEST).build());

        assertEquals(200, reply.status(), reply::text);
        MatrixHttp.Reply device = http.get(Reauth.DEVICES + "/" + reply.string("device_id"), account.accessToken());
        assertEquals(LONGEST, device.string("display_name"), device::text);
    }

    @Test
    void registrationWithATooLongDisplayNameIsInvalidAndCreatesNoAccount() {
        String localpart = Accounts.randomLocalpart("long");
        JsonObject body = registration(localpart, PASSWORD).add("initial_device_display_name", TOO_LONG)
                .add("auth", dummyAuth(null)).build();

        assertError(http.post(REGISTER, body), 400, "M_INVALID_PARAM");
        assertStillAvailable(localpart);
    }

    @Test
    void registrationCompletingWithATooLongDisplayNameIsInvalidAndCreatesNoAccount() {
        String localpart = Accounts.randomLocalpart("long");
        String session = accounts.startRegistration(registration(localpart, PASSWORD).build());

        MatrixHttp.Reply reply = http.post(REGISTER, withAuth(registration(localpart, PASSWORD)
                .add("initial_device_display_name", TOO_LONG).build(), dummyAuth(session)));

        assertError(reply, 400, "M_INVALID_PARAM");
        assertStillAvailable(localpart);
    }

    @Test
    void sharedSecretRegistrationWithATooLongDisplayNameIsInvalidAndCreatesNoAccount() {
        String localpart = Accounts.randomLocalpart("long");

        MatrixHttp.Reply reply = new TokenAdminClient(http).sharedSecretRegister(localpart, false, TOO_LONG);

        assertError(reply, 400, "M_INVALID_PARAM");
        assertStillAvailable(localpart);
    }

    private List<String> deviceIds(Account account) {
        MatrixHttp.Reply reply = http.get(Reauth.DEVICES, account.accessToken());
        assertEquals(200, reply.status(), reply::text);
        return reply.json().getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .map(device -> device.getString("device_id")).sorted().toList();
    }

    private void assertStillAvailable(String localpart) {
        MatrixHttp.Reply reply = http.get(REGISTER + "/available?username=" + localpart);
        assertEquals(200, reply.status(), reply::text);
    }
}
