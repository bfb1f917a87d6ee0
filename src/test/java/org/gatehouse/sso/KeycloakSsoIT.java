package org.gatehouse.sso;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.blackbox.NodeClient;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Single sign-on end to end against a real Keycloak ({@link KeycloakServer}: the
 * {@code keycloak-quarkus-dist} from Maven Central, started by {@code src/test/sso/keycloak.sh}
 * with realm {@code gatehouse} imported from JSON): headless Chromium and matrix-js-sdk sign in
 * through Keycloak's login form and {@code m.login.token}, delete a device through the UIA
 * {@code m.login.sso} stage (which another Keycloak user cannot complete), and lose their session
 * when Keycloak sends a back-channel logout, also after Keycloak rotated its signing key (spec:
 * "SSO client login", "SSO during User-Interactive Authentication"; OpenID Connect Back-Channel
 * Logout 1.0). The steps are
 * {@code src/test/blackbox/keycloak.mjs}; screenshots go to
 * {@code target/blackbox/screenshots/keycloak/}. Needs Node.js 20+, npm, Chromium, curl and Maven
 * (which fetches Keycloak into {@code ~/.m2}). {@code -Dgatehouse.it.keycloak=false} leaves it out
 * of a run (CI runs it in the H2 step only: the database plays no part in what it proves beyond
 * {@code SsoLoginIT}, which runs on both).
 */
@DisabledIfSystemProperty(named = "gatehouse.it.keycloak", matches = "false",
        disabledReason = "-Dgatehouse.it.keycloak=false: the real Keycloak is left out of this run")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeycloakSsoIT {

    /**
     * Gatehouse's public base URL as Keycloak and the browser reach it (WildFly or Payara). The
     * browser must use it, not the deployment URL Arquillian reports (Payara's names a non-loopback
     * address): the binding cookie set by the redirect is sent to the callback only on the same host.
     */
    private static final String PUBLIC_BASE = System.getProperty("gatehouse.it.base-url",
            "http://127.0.0.1:" + (8080 + Integer.getInteger("it.port.offset", 0)) + "/");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of(
                "gatehouse.public-base-url", PUBLIC_BASE,
                "gatehouse.sso.providers", "keycloak",
                "gatehouse.sso.provider.keycloak.issuer", KeycloakServer.issuer(),
                "gatehouse.sso.provider.keycloak.client-id", KeycloakServer.CLIENT_ID,
                "gatehouse.sso.provider.keycloak.client-secret", KeycloakServer.CLIENT_SECRET,
                "gatehouse.sso.provider.keycloak.name", "Keycloak",
                "gatehouse.sso.provider.keycloak.brand", "keycloak"));
    }

    @BeforeAll
    static void startKeycloak() {
        KeycloakServer.start(PUBLIC_BASE);
    }

    @AfterAll
    static void stopKeycloak() {
        KeycloakServer.stop();
    }

    /**
     * Login through Keycloak's form and the confirmation page, m.login.token in matrix-js-sdk, a
     * second device, UIA m.login.sso for the device's deletion (refused for another Keycloak user),
     * back-channel logout from Keycloak's end-session page, and, after a key rotation, a sign-in and a
     * back-channel logout from its admin REST API.
     */
    @Test
    void aKeycloakUserSignsInReauthenticatesAndIsLoggedOutByKeycloak() {
        NodeClient.run("", "keycloak.mjs", List.of(PUBLIC_BASE.replaceAll("/+$", ""), KeycloakServer.url(),
                KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD, Accounts.SERVER_NAME), Duration.ofMinutes(5));
    }
}
