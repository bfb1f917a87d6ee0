package org.gatehouse.blackbox;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gatehouse.appservice.AppServiceFixture;
import org.gatehouse.appservice.AppServiceFixture.Service;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box: real application-service frameworks from npm drive the deployed Gatehouse with their
 * {@code as_token}s: matrix-bot-sdk 0.7.1 and matrix-appservice-bridge 10.3.3, the newest releases
 * that run on Node.js 20 (pinned in {@code src/test/blackbox/appservice/package.json}; see
 * {@code appservice.mjs} for the steps). Each gets its own registration file, written here and
 * named in the deployment's settings. Needs Node.js 20+ and npm.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AppServiceSdkIT {

    private static final Path DIR = AppServiceFixture.directory(AppServiceSdkIT.class);
    private static final Path BOT_SDK = DIR.resolve("botsdk.yaml");
    private static final Path BRIDGE = DIR.resolve("bridgesdk.yaml");

    @Deployment(testable = false)
    static WebArchive deployment() {
        write(BOT_SDK, Service.create("botsdk", "_botsdk_bot"), "@_botsdk_.*", 20601);
        write(BRIDGE, Service.create("bridgesdk", "_bridgesdk_bot"), "@_bridgesdk_.*", 20602);
        return GatehouseDeployment.war(Map.of("gatehouse.app-services.config-files", BOT_SDK + "," + BRIDGE));
    }

    /** A registration with one exclusive user namespace; its URL (a port of this test's range) is never listened on. */
    private static void write(Path file, Service service, String userRegex, int port) {
        AppServiceFixture.write(file, service, "\"http://127.0.0.1:" + port + "\"", """
                namespaces:
                  users:
                    - exclusive: true
                      regex: "%s"
                  aliases: []
                  rooms: []
                rate_limited: false
                """.formatted(userRegex));
    }

    @ArquillianResource
    private URL base;

    @Test
    void applicationServiceFrameworksRegisterAndMasqueradeInTheirNamespaces() {
        NodeClient.run("appservice", "appservice.mjs", List.of(base.toString().replaceAll("/+$", ""),
                Accounts.SERVER_NAME, BOT_SDK.toString(), BRIDGE.toString()));
    }
}
