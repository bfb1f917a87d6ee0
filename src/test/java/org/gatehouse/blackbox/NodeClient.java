package org.gatehouse.blackbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a black-box script from {@code src/test/blackbox} (a real Matrix client library on Node.js)
 * against a running Gatehouse. The scripts and their npm lockfile are copied to
 * {@code target/blackbox}, where {@code npm ci} installs the pinned client libraries when
 * {@code node_modules} is missing or was installed from another lockfile. A subdirectory of
 * {@code src/test/blackbox} with a {@code package.json} of its own is a separate project (e.g.
 * {@code appservice}, the application-service SDKs), copied whole to {@code target/blackbox-<name>}.
 */
public final class NodeClient {

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
    private static final Path SOURCES = BASEDIR.resolve("src/test/blackbox");
    /** Written into node_modules after a successful {@code npm ci}: the hash of the lockfile it installed. */
    private static final String STAMP = "node_modules/.gatehouse-lockfile.sha256";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final int TAIL_LINES = 40;
    private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");

    private NodeClient() {
    }

    /** Runs {@code node <script> <baseUrl>} in {@code src/test/blackbox} and fails unless it exits with 0. */
    public static void run(String script, String baseUrl) {
        run("", script, List.of(baseUrl));
    }

    /**
     * Runs {@code node <script> <arguments…>} in {@code project} (a subdirectory of
     * {@code src/test/blackbox}, or {@code ""} for the main one) and fails unless it exits with 0.
     */
    public static void run(String project, String script, List<String> arguments) {
        run(project, script, arguments, SCRIPT_TIMEOUT);
    }

    /** As {@link #run(String, String, List)}, for a script that may take up to {@code timeout} (e.g. one that waits on a slow peer). */
    public static void run(String project, String script, List<String> arguments, Duration timeout) {
        Path work = project.isEmpty() ? BASEDIR.resolve("target/blackbox") : BASEDIR.resolve("target/blackbox-" + project);
        prepare(project, work);
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(arguments);
        Result result = exec(command, work, timeout);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " " + result.describe());
        }
    }

    private static synchronized void prepare(String project, Path work) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result version = exec(List.of("node", "--version"), work, Duration.ofSeconds(30));
        String major = version.tail().replaceFirst("(?s)^v(\\d+).*", "$1").trim();
        if (version.exitCode() != 0 || !major.matches("\\d+") || Integer.parseInt(major) < 20) {
            throw new AssertionError("The black-box tests need Node.js 20 or later, found " + version.tail().trim());
        }
        try {
            if (project.isEmpty()) {
                copyClientFiles(work);
            } else {
                copyTree(SOURCES.resolve(project), work);
            }
            String lockHash = sha256(Files.readAllBytes(work.resolve("package-lock.json")));
            Path stamp = work.resolve(STAMP);
            if (Files.isRegularFile(stamp) && Files.readString(stamp).trim().equals(lockHash)) {
                return;
            }
            Result install = exec(List.of(WINDOWS ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund"), work,
                    INSTALL_TIMEOUT);
            if (install.exitCode() != 0) {
                throw new AssertionError("npm ci in " + work + " " + install.describe());
            }
            Files.writeString(stamp, lockHash + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The main project: the lockfile, {@code package.json} and the scripts at the top of {@code src/test/blackbox}. */
    private static void copyClientFiles(Path work) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals("package.json") || name.equals("package-lock.json") || name.endsWith(".mjs")) {
                    Files.copy(file, work.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Every file of a project directory, subdirectories included (a local package such as a stub). */
    private static void copyTree(Path source, Path work) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = work.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Runs a command in {@code work}, streaming its output to System.out. */
    private static Result exec(List<String> command, Path work, Duration timeout) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
            builder.environment().put("NO_COLOR", "1");
            builder.environment().put("npm_config_update_notifier", "false");
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("Cannot run `" + command.get(0) + "` (" + e.getMessage() + "). The black-box "
                    + "tests drive Gatehouse with real Matrix clients on Node.js: install Node.js 20 (or later) "
                    + "and npm, and put `node` and `npm` on the PATH.", e);
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    System.out.println("[" + command.get(0) + "] " + line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; what it wrote so far is in the tail
            }
        }, "node-client-output");
        pump.setDaemon(true);
        pump.start();
        try {
            boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            pump.join(5_000);
            synchronized (tail) {
                return new Result(finished ? process.exitValue() : -1, finished, timeout, String.join("\n", tail));
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, boolean finished, Duration timeout, String tail) {

        String describe() {
            String outcome = finished ? "exited with " + exitCode : "timed out after " + timeout.toSeconds() + " s";
            return outcome + "; last lines of its output:\n" + tail;
        }
    }
}
