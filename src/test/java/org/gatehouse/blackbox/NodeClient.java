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
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a black-box script from {@code src/test/blackbox} (a real Matrix client library on Node.js)
 * against a running Gatehouse. The scripts and their npm lockfile are copied to
 * {@code target/blackbox}, where {@code npm ci} installs the pinned client libraries when
 * {@code node_modules} is missing or was installed from another lockfile.
 */
public final class NodeClient {

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
    private static final Path SOURCES = BASEDIR.resolve("src/test/blackbox");
    private static final Path WORK = BASEDIR.resolve("target/blackbox");
    /** Written into node_modules after a successful {@code npm ci}: the hash of the lockfile it installed. */
    private static final Path STAMP = WORK.resolve("node_modules/.gatehouse-lockfile.sha256");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final int TAIL_LINES = 40;
    private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");

    private NodeClient() {
    }

    /** Runs {@code node <script> <baseUrl>} and fails unless it exits with 0. */
    public static void run(String script, String baseUrl) {
        prepare();
        Result result = exec(List.of("node", script, baseUrl), SCRIPT_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new AssertionError("node " + script + " " + baseUrl + " " + result.describe());
        }
    }

    private static synchronized void prepare() {
        try {
            Files.createDirectories(WORK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result version = exec(List.of("node", "--version"), Duration.ofSeconds(30));
        String major = version.tail().replaceFirst("(?s)^v(\\d+).*", "$1").trim();
        if (version.exitCode() != 0 || !major.matches("\\d+") || Integer.parseInt(major) < 20) {
            throw new AssertionError("The black-box tests need Node.js 20 or later, found " + version.tail().trim());
        }
        try {
            try (Stream<Path> files = Files.list(SOURCES)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.equals("package.json") || name.equals("package-lock.json") || name.endsWith(".mjs")) {
                        Files.copy(file, WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            String lockHash = sha256(Files.readAllBytes(WORK.resolve("package-lock.json")));
            if (Files.isRegularFile(STAMP) && Files.readString(STAMP).trim().equals(lockHash)) {
                return;
            }
            Result install = exec(List.of(WINDOWS ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund"), INSTALL_TIMEOUT);
            if (install.exitCode() != 0) {
                throw new AssertionError("npm ci in " + WORK + " " + install.describe());
            }
            Files.writeString(STAMP, lockHash + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command in {@code target/blackbox}, streaming its output to System.out. */
    private static Result exec(List<String> command, Duration timeout) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true);
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
