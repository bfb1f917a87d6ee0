package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node started without the keys that a second node would need to accept its tokens says so in
 * the server log: {@code gatehouse.tokens.refresh-secret} (refresh is always offered) and, with
 * login tokens enabled, {@code gatehouse.tokens.macaroon.secret-key}. Each deployment's own part of
 * WildFly's {@code server.log} is read; on Payara, whose log this test cannot read, it is skipped.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyWarningsIT {

    private static final String REFRESH_WARNING = "gatehouse.tokens.refresh-secret is not set";
    private static final String LOGIN_TOKEN_WARNING = "gatehouse.tokens.macaroon.secret-key is not set";
    private static final String KEY = "key-warnings-it-0123456789abcdefghijklmnop";

    @Deployment(name = "without-keys", managed = false, testable = false)
    static WebArchive withoutKeys() {
        return named("without-keys.war", Map.of("gatehouse.login-token.enabled", "true",
                "gatehouse.tokens.macaroon.secret-key", ""));
    }

    @Deployment(name = "with-keys", managed = false, testable = false)
    static WebArchive withKeys() {
        return named("with-keys.war", Map.of("gatehouse.login-token.enabled", "true",
                "gatehouse.tokens.macaroon.secret-key", KEY, "gatehouse.tokens.refresh-secret", KEY));
    }

    private static WebArchive named(String archiveName, Map<String, String> settings) {
        return ShrinkWrap.create(WebArchive.class, archiveName).merge(GatehouseDeployment.war(settings));
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void startingWithoutKeysWarnsThatASecondNodeWouldNotAcceptThisNodesTokens() throws IOException {
        String logged = loggedWhileDeployed("without-keys");

        assertTrue(logged.contains(REFRESH_WARNING), logged);
        assertTrue(logged.contains(LOGIN_TOKEN_WARNING), logged);
    }

    @Test
    void startingWithBothKeysDoesNotWarn() throws IOException {
        String logged = loggedWhileDeployed("with-keys");

        assertTrue(logged.contains("with-keys.war"), logged);
        assertFalse(logged.contains(REFRESH_WARNING), logged);
        assertFalse(logged.contains(LOGIN_TOKEN_WARNING), logged);
    }

    /** What WildFly logged while deployment {@code name} was deployed and undeployed again. */
    private String loggedWhileDeployed(String name) throws IOException {
        assumeTrue(!"payara".equals(System.getProperty("arquillian.launch")), "the log read is WildFly's");
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        assumeTrue(Files.isRegularFile(log), "no server log at " + log);
        long before = Files.size(log);
        deployer.deploy(name);
        deployer.undeploy(name);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(before);
            byte[] added = new byte[(int) (file.length() - before)];
            file.readFully(added);
            return new String(added, StandardCharsets.UTF_8);
        }
    }
}
