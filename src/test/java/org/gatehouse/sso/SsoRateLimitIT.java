package org.gatehouse.sso;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;
import java.util.Map;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SSO redirect and callback draw on the same {@code login.address} bucket as
 * {@code POST /login} (issue 18: "the SSO redirect and callback share the login address bucket"),
 * here three requests per address. The provider is unreachable on purpose: the limit is taken
 * before anything else.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SsoRateLimitIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of(
                "gatehouse.rate-limits.enabled", "true",
                "gatehouse.rate-limits.login.address.per-second", "0.001",
                "gatehouse.rate-limits.login.address.burst", "3",
                "gatehouse.sso.providers", "down",
                "gatehouse.sso.provider.down.issuer", "http://127.0.0.1:1/realms/none",
                "gatehouse.sso.provider.down.client-id", "gatehouse"));
    }

    @ArquillianResource
    private URL base;

    @Test
    void redirectsCallbacksAndPasswordLoginsShareTheLoginAddressBucket() {
        MatrixHttp http = new MatrixHttp(base);
        String redirect = "/_matrix/client/v3/login/sso/redirect/down?redirectUrl=https%3A%2F%2Fapp.example%2F";
        assertNotEquals(429, http.get(redirect).status());
        assertNotEquals(429, http.get("/_gatehouse/client/oidc/callback?state=x&code=y").status());
        assertNotEquals(429, http.get(redirect).status());

        assertError(http.get(redirect), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
        assertError(http.get("/_gatehouse/client/oidc/callback?state=x&code=y"), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
        assertError(http.post(Accounts.LOGIN, Accounts.passwordLogin("nobody", "wrong").build()), 429, "M_LIMIT_EXCEEDED",
                "retry_after_ms");
    }
}
