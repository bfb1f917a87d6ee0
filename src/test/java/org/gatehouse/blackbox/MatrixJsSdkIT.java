package org.gatehouse.blackbox;

import java.net.URL;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box: the real Matrix client library matrix-js-sdk (pinned in src/test/blackbox/package.json)
 * drives the deployed Gatehouse over HTTP. Needs Node.js 20+ and npm on the PATH.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MatrixJsSdkIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    /** Registration through UIA (m.login.dummy), password login, whoami, logout: src/test/blackbox/accounts.mjs. */
    @Test
    void aRealClientRegistersLogsInAndLogsOut() {
        NodeClient.run("accounts.mjs", base.toString().replaceAll("/+$", ""));
    }

    /**
     * Device list, rename, deletion through UIA (m.login.password), password change and login with
     * the new password: src/test/blackbox/devices.mjs.
     */
    @Test
    void aRealClientManagesItsDevicesAndChangesItsPassword() {
        NodeClient.run("devices.mjs", base.toString().replaceAll("/+$", ""));
    }

    /**
     * User-Interactive Authentication as real clients drive it, through the sdk's InteractiveAuth:
     * registration the way Element Web does it ({@code registerRequest({})} or {@code {auth: {}}}
     * first, then the parameters with every stage) and the way older mobile clients do it (the
     * parameters once, then stages with only {@code auth}), and a device deletion the way
     * Element's device manager does it: src/test/blackbox/uia-clients.mjs.
     */
    @Test
    void realClientsDriveUserInteractiveAuthentication() {
        NodeClient.run("uia-clients.mjs", base.toString().replaceAll("/+$", ""));
    }
}
