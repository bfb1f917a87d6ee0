package org.gatehouse.token.macaroon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Macaroon} against pymacaroons (the library Synapse used), through
 * {@code src/test/python/macaroon_interop.py} run by Debian's {@code /usr/bin/python3}. Needs the
 * Debian package {@code python3-pymacaroons}; without it every test fails (CI installs it).
 */
class PymacaroonsInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL_HINT =
            "the pymacaroons interoperability tests need Debian's python3-pymacaroons: apt-get install -y python3-pymacaroons";
    private static final String KEY = "interop root key, shared by Java and pymacaroons";
    private static final List<String> CAVEATS = List.of(
            "gen = 1", "user_id = @alice:example.org", "type = access", "nonce = a-b_c=d",
            "time < 1700000000000", "guest = true");

    @TempDir
    Path temp;

    private record Result(int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    @BeforeAll
    static void pymacaroonsIsInstalled() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(INSTALL_HINT + " (" + PYTHON + " is missing)");
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import pymacaroons").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            fail(INSTALL_HINT + " (pymacaroons cannot be imported by " + PYTHON + ": " + output.strip() + ")");
        }
    }

    private static Path script() {
        return Path.of(System.getProperty("basedir", ""), "src", "test", "python", "macaroon_interop.py").toAbsolutePath();
    }

    private Result python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("macaroon_interop.py timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result inspect(String key, String token) throws IOException, InterruptedException {
        return python("inspect", key, token);
    }

    private String mint(String location, String identifier, List<String> caveats) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("mint", KEY, location, identifier));
        args.addAll(caveats);
        Result result = python(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stderr());
        return result.stdout().strip();
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static Macaroon javaMacaroon(List<String> caveats) {
        Macaroon macaroon = Macaroon.mint(key(KEY), "gatehouse.example", "key");
        for (String caveat : caveats) {
            macaroon = macaroon.withFirstPartyCaveat(caveat);
        }
        return macaroon;
    }

    @Test
    void pymacaroonsVerifiesOursAndReadsTheCaveatsBack() throws Exception {
        Result result = inspect(KEY, javaMacaroon(CAVEATS).serialize());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(CAVEATS, result.lines());
    }

    @Test
    void pymacaroonsReadsOurNonAsciiCaveats() throws Exception {
        List<String> caveats = List.of("user_id = @zoë:example.org", "display = 名前");
        Result result = inspect(KEY, javaMacaroon(caveats).serialize());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(caveats, result.lines());
    }

    @Test
    void pymacaroonsVerifiesOursWithoutCaveats() throws Exception {
        Result result = inspect(KEY, javaMacaroon(List.of()).serialize());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(List.of(), result.lines());
    }

    @Test
    void weVerifyPymacaroonsMacaroonAndReadTheCaveats() throws Exception {
        String token = mint("gatehouse.example", "key", CAVEATS);
        Macaroon macaroon = Macaroon.deserialize(token).orElseThrow(() -> new AssertionError("not parsed: " + token));
        assertEquals("gatehouse.example", macaroon.location());
        assertEquals("key", macaroon.identifier());
        assertEquals(CAVEATS, macaroon.caveats());
        assertTrue(macaroon.verify(key(KEY), CAVEATS::contains));
    }

    @Test
    void pymacaroonsSerializationIsByteForByteOurs() throws Exception {
        assertEquals(javaMacaroon(CAVEATS).serialize(), mint("gatehouse.example", "key", CAVEATS));
        assertEquals(javaMacaroon(List.of()).serialize(), mint("gatehouse.example", "key", List.of()));
    }

    @Test
    void weRejectPymacaroonsMacaroonWithAWrongKey() throws Exception {
        Macaroon macaroon = Macaroon.deserialize(mint("gatehouse.example", "key", CAVEATS)).orElseThrow();
        assertFalse(macaroon.verify(key("not the " + KEY), caveat -> true));
    }

    @Test
    void pymacaroonsRejectsOursWithAWrongKey() throws Exception {
        Result result = inspect("not the " + KEY, javaMacaroon(CAVEATS).serialize());
        assertEquals(1, result.exitCode(), result.stdout());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().contains("MacaroonInvalidSignatureException"), result.stderr());
    }

    @Test
    void pymacaroonsRejectsOursWithATamperedCaveat() throws Exception {
        Macaroon genuine = javaMacaroon(List.of("user_id = @alice:example.org"));
        String forged = javaMacaroon(List.of("user_id = @alice:example.orf")).serialize();
        // the two tokens differ only in one caveat byte and the signature: give the forged caveat the genuine signature
        String spliced = forged.substring(0, forged.length() - 43) + genuine.serialize().substring(forged.length() - 43);
        Macaroon parsed = Macaroon.deserialize(spliced).orElseThrow();
        assertEquals(List.of("user_id = @alice:example.orf"), parsed.caveats());
        assertFalse(parsed.verify(key(KEY), caveat -> true));
        assertEquals(1, inspect(KEY, spliced).exitCode());
    }

    @Test
    void caveatWeAddToPymacaroonsMacaroonVerifiesInPymacaroons() throws Exception {
        Macaroon theirs = Macaroon.deserialize(mint("gatehouse.example", "key", List.of("type = access"))).orElseThrow();
        Macaroon attenuated = theirs.withFirstPartyCaveat("time < 1700000000000");
        Result result = inspect(KEY, attenuated.serialize());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(List.of("type = access", "time < 1700000000000"), result.lines());
    }
}
