package org.gatehouse.blackbox;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code synadm} (the command-line admin tool for Synapse, Debian package {@code synadm})
 * against a running Gatehouse as a server admin: a configuration file of its own under
 * {@code target/synadm}, {@code HOME} there too (synadm writes a debug log under it), batch mode
 * and JSON output. synadm exits with 0 even when the server answers an error, so callers check
 * what it printed: {@link Run#lastJson()} is the last JSON object it printed, one per line.
 */
final class Synadm {

    private static final Path HOME = Path.of(System.getProperty("basedir", "."), "target", "synadm");
    private static final long TIMEOUT_SECONDS = 60;

    /** What one run printed and how it ended. */
    record Run(int exitCode, String output) {

        /** The JSON objects synadm printed, in order. */
        List<JsonObject> json() {
            List<JsonObject> objects = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (line.startsWith("{")) {
                    try (var reader = Json.createReader(new StringReader(line))) {
                        objects.add(reader.readObject());
                    }
                }
            }
            return objects;
        }

        /** The last JSON object printed; fails when there is none. */
        JsonObject lastJson() {
            List<JsonObject> objects = json();
            if (objects.isEmpty()) {
                throw new AssertionError("synadm printed no JSON object:\n" + output);
            }
            return objects.get(objects.size() - 1);
        }
    }

    private final Path config;

    /** A synadm configured for {@code baseUrl} with the access token of {@code adminUserId}. */
    Synadm(String baseUrl, String adminUserId, String accessToken) {
        try {
            Files.createDirectories(HOME);
            config = Files.createTempFile(HOME, "synadm", ".yaml");
            Files.writeString(config, String.join("\n",
                    "user: \"" + adminUserId + "\"",
                    "token: \"" + accessToken + "\"",
                    "base_url: \"" + baseUrl + "\"",
                    "admin_path: /_synapse/admin",
                    "matrix_path: /_matrix",
                    "timeout: 30",
                    "format: json",
                    "server_discovery: dns",
                    "homeserver: localhost",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code synadm --batch -o json -c <config> <arguments…>}; fails when it does not exit with 0. */
    Run run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("synadm", "--batch", "-o", "json", "-c", config.toString()));
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("HOME", HOME.toAbsolutePath().toString());
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            Run run = new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
            if (run.exitCode() != 0) {
                throw new AssertionError(String.join(" ", arguments) + " exited with " + run.exitCode() + ":\n" + run.output());
            }
            return run;
        } catch (IOException e) {
            throw new AssertionError("synadm could not be run (Debian package synadm, .ci/install-test-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
