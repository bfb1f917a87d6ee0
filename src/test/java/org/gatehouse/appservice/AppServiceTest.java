package org.gatehouse.appservice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gatehouse.user.UserId;
import org.junit.jupiter.api.Test;

class AppServiceTest {

    private static final String REGISTRATION = """
            id: bridge
            url: null
            as_token: as
            hs_token: hs
            sender_localpart: _bridge_bot
            namespaces:
              users:
                - exclusive: true
                  regex: "@_bridge_.*:example\\\\.org"
                - exclusive: false
                  regex: "@shared_.*"
            """;

    private static AppService service() throws Exception {
        return RegistrationFile.parse(REGISTRATION, "bridge.yaml", "example.org").service();
    }

    private static UserId user(String id) {
        return UserId.parse(id).orElseThrow();
    }

    @Test
    void coversItsSenderAndEveryUserNamespace() throws Exception {
        AppService service = service();
        assertTrue(service.covers(user("@_bridge_bot:example.org")));
        assertTrue(service.covers(user("@_bridge_alice:example.org")));
        assertTrue(service.covers(user("@shared_bob:example.org")));
        assertFalse(service.covers(user("@alice:example.org")));
    }

    @Test
    void aRegexMustMatchFromTheStartOfTheUserId() throws Exception {
        assertFalse(service().covers(user("@x_shared_bob:example.org")));
    }

    @Test
    void usersOfOtherServersAreNeverCovered() throws Exception {
        assertFalse(service().covers(user("@shared_bob:elsewhere.org")));
        assertFalse(service().covers(user("@_bridge_bot:elsewhere.org")));
    }

    @Test
    void claimsOnlyItsSenderAndExclusiveNamespaces() throws Exception {
        AppService service = service();
        assertTrue(service.claimsExclusively(user("@_bridge_bot:example.org")));
        assertTrue(service.claimsExclusively(user("@_bridge_alice:example.org")));
        assertFalse(service.claimsExclusively(user("@shared_bob:example.org")));
    }
}
