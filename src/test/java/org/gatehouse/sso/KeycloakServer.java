package org.gatehouse.sso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for the end-to-end tests, run by {@code src/test/sso/keycloak.sh} (the
 * distribution {@code org.keycloak:keycloak-quarkus-dist} from Maven Central, unpacked into
 * {@code target/keycloak}) on loopback port 28080 + {@code it.port.offset}, with the realm
 * {@code gatehouse} of {@code src/test/sso/realm-gatehouse.json.in} pointing at the Gatehouse under
 * test. {@link #stop} stops only the process group that {@link #start} started.
 */
final class KeycloakServer {

    /** The realm's confidential client, as the realm file defines it. */
    static final String CLIENT_ID = "gatehouse";
    static final String CLIENT_SECRET = "gatehouse-client-secret";
    /** The bootstrap administrator of the master realm, whose token drives the admin REST API. */
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin-pw";

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SCRIPT = BASEDIR.resolve("src/test/sso/keycloak.sh");
    private static final Path DIR = BASEDIR.resolve("target/keycloak");
    /** The first start unpacks 176 MB and builds the server; on a loaded machine that took minutes. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private KeycloakServer() {
    }

    /** Keycloak's base URL, {@code http://127.0.0.1:<28080 + offset>}. */
    static String url() {
        return "http://127.0.0.1:" + (28080 + Integer.getInteger("it.port.offset", 0));
    }

    /** The issuer of realm {@code gatehouse}. */
    static String issuer() {
        return url() + "/realms/gatehouse";
    }

    /** Starts Keycloak for the Gatehouse at {@code gatehouseBase} and waits until the realm answers. */
    static void start(String gatehouseBase) {
        long started = System.nanoTime();
        run(List.of(SCRIPT.toString(), "start", DIR.toString(), url().substring(url().lastIndexOf(':') + 1), gatehouseBase),
                START_TIMEOUT);
        System.out.printf("Keycloak ready at %s in %d s%n", url(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** Stops the Keycloak {@link #start} started. */
    static void stop() {
        run(List.of(SCRIPT.toString(), "stop", DIR.toString()), Duration.ofMinutes(1));
    }

    /** Runs a command and fails with its output unless it exits with 0 within {@code timeout}. */
    private static void run(List<String> command, Duration timeout) {
        try {
            Files.createDirectories(DIR);
            Path log = DIR.resolve("script.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
