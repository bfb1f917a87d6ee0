package org.gatehouse.credential.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gatehouse.blackbox.NodeClient;
import org.gatehouse.credential.Claimant;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Directory login against a real OpenLDAP (Debian's {@code slapd} and {@code ldap-utils}), started
 * by {@code src/test/ldap/slapd.sh} on loopback ports 20000 and 20001 (plus
 * {@code it.port.offset}) with its own {@code slapd.conf}, a CA it generates, people loaded with
 * {@code slapadd} and the group added with {@code ldapadd} (so the memberof overlay fills
 * {@code memberOf}). Gatehouse reaches it with StartTLS after a dead URI (failover on every new
 * connection). The black-box checks are {@code src/test/ldap/directory-login.sh}; matrix-js-sdk
 * logs a directory user in with {@code src/test/blackbox/directory.mjs}.
 */
class SlapdDirectoryIT extends ClientIT {

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
    private static final Path SCRIPTS = BASEDIR.resolve("src/test/ldap");
    private static final Path DIR = BASEDIR.resolve("target/slapd").toAbsolutePath();
    private static final int OFFSET = Integer.getInteger("it.port.offset", 0);
    private static final String LDAP_PORT = String.valueOf(20000 + OFFSET);
    private static final String LDAPS_PORT = String.valueOf(20001 + OFFSET);

    static {
        run(List.of(SCRIPTS.resolve("slapd.sh").toString(), "start", DIR.toString(), LDAP_PORT, LDAPS_PORT));
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>();
        settings.put("gatehouse.password-backends", "ldap,local");
        settings.put("gatehouse.ldap.uris", "ldap://127.0.0.1:" + TestDirectory.freePort() + ",ldap://127.0.0.1:" + LDAP_PORT);
        settings.put("gatehouse.ldap.start-tls", "true");
        settings.put("gatehouse.ldap.ca-file", DIR.resolve("ca.crt").toString());
        settings.put("gatehouse.ldap.bind-dn", TestDirectory.SERVICE_DN);
        settings.put("gatehouse.ldap.bind-password", "service-pw");
        settings.put("gatehouse.ldap.base", TestDirectory.BASE);
        settings.put("gatehouse.ldap.filter", "(objectClass=inetOrgPerson)");
        settings.put("gatehouse.ldap.required-filter", TestDirectory.GROUP_FILTER);
        settings.put("gatehouse.ldap.active-directory.upn-attribute", "userPrincipalName");
        settings.put("gatehouse.ldap.active-directory.netbios-domain", "CORP");
        settings.put("gatehouse.ldap.connect-timeout-ms", "3000");
        settings.put("gatehouse.ldap.response-timeout-ms", "5000");
        settings.put("gatehouse.ldap.retry-after-seconds", "3");
        return GatehouseDeployment.war(settings);
    }

    @AfterAll
    static void stopSlapd() {
        run(List.of(SCRIPTS.resolve("slapd.sh").toString(), "stop", DIR.toString()));
    }

    /** Runs a command and fails with its output unless it exits with 0 within two minutes. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in two minutes");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String baseUrl() {
        return base.toString().replaceAll("/+$", "");
    }

    /** uid, e-mail, UPN, CORP\name; wrong password, group-less, disabled; ldappasswd; outage and recovery. */
    @Test
    void theBlackBoxChecksPassAgainstSlapd() {
        String output = run(List.of(SCRIPTS.resolve("directory-login.sh").toString(), baseUrl(), DIR.toString(), LDAP_PORT, LDAPS_PORT));
        System.out.println(output);
    }

    @Test
    void matrixJsSdkLogsADirectoryUserIn() {
        NodeClient.run("", "directory.mjs", List.of(baseUrl(), "alice", "alice-pw", "alice@example.org"));
    }

    @Test
    void ldapsWithTheGeneratedCaVerifiesAndWithoutItTheDirectoryIsUnavailable() {
        Map<String, String> ldaps = new HashMap<>();
        ldaps.put("uris", "ldaps://127.0.0.1:" + LDAPS_PORT);
        ldaps.put("bind-dn", TestDirectory.SERVICE_DN);
        ldaps.put("bind-password", "service-pw");
        ldaps.put("base", TestDirectory.BASE);
        ldaps.put("ca-file", DIR.resolve("ca.crt").toString());
        try (Directory directory = new Directory(TestDirectory.config(ldaps))) {
            assertEquals(DirectoryAnswer.Kind.VERIFIED, directory.authenticate(Claimant.user("alice"), "alice-pw").kind());
        }
        ldaps.remove("ca-file");
        try (Directory untrusting = new Directory(TestDirectory.config(ldaps))) {
            assertEquals(DirectoryAnswer.Kind.UNAVAILABLE, untrusting.authenticate(Claimant.user("alice"), "alice-pw").kind());
        }
    }
}
