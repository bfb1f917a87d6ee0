package org.gatehouse.appservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gatehouse.config.ConfigProblems;
import org.gatehouse.token.TokenHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppServiceRegistryTest {

    @TempDir
    Path dir;

    private Path file(String name, String id, String asToken, String hsToken) throws IOException {
        return Files.writeString(dir.resolve(name), """
                id: %s
                url: null
                as_token: %s
                hs_token: %s
                sender_localpart: %s_bot
                namespaces:
                  users: [{exclusive: true, regex: "@_%s_.*"}]
                extra: 1
                """.formatted(id, asToken, hsToken, id, id));
    }

    @Test
    void loadsEveryFileAndKeepsTheirWarnings() throws IOException {
        ConfigProblems problems = new ConfigProblems();
        List<AppService> services = AppServiceRegistry.load(List.of(file("a.yaml", "a", "ta", "ha"),
                file("b.yaml", "b", "tb", "hb")), "example.org", problems);
        assertEquals(List.of("a", "b"), services.stream().map(AppService::id).toList());
        assertEquals(List.of(), problems.messages());
        assertEquals(2, problems.warnings().size(), problems.warnings()::toString);
    }

    @Test
    void aSharedAsTokenFailsNamingBothFiles() throws IOException {
        ConfigProblems problems = new ConfigProblems();
        Path a = file("a.yaml", "a", "same", "ha");
        Path b = file("b.yaml", "b", "same", "hb");
        AppServiceRegistry.load(List.of(a, b), "example.org", problems);
        assertEquals(List.of(b + " (as_token) is the same token as " + a
                + " (as_token); every application service needs tokens of its own"), problems.messages());
    }

    @Test
    void oneServicesAsTokenAsAnothersHsTokenFails() throws IOException {
        ConfigProblems problems = new ConfigProblems();
        Path a = file("a.yaml", "a", "ta", "ha");
        Path b = file("b.yaml", "b", "tb", "ta");
        AppServiceRegistry.load(List.of(a, b), "example.org", problems);
        assertEquals(List.of(b + " (hs_token) is the same token as " + a
                + " (as_token); every application service needs tokens of its own"), problems.messages());
    }

    @Test
    void aSharedIdFailsNamingBothFiles() throws IOException {
        ConfigProblems problems = new ConfigProblems();
        Path a = file("a.yaml", "a", "ta", "ha");
        Path b = file("b.yaml", "a", "tb", "hb");
        AppServiceRegistry.load(List.of(a, b), "example.org", problems);
        assertEquals(List.of(b + ": the id a is also the id of " + a), problems.messages());
    }

    @Test
    void anInvalidFileIsAProblemAndTheOthersStillLoad() throws IOException {
        ConfigProblems problems = new ConfigProblems();
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "id: x\n");
        List<AppService> services = AppServiceRegistry.load(List.of(broken, file("a.yaml", "a", "ta", "ha")),
                "example.org", problems);
        assertEquals(List.of("a"), services.stream().map(AppService::id).toList());
        assertEquals(List.of(broken + ": url is missing (use url: null for a service that receives no traffic)"),
                problems.messages());
    }

    @Test
    void findsAServiceByTheHashOfItsAsToken() throws IOException {
        AppServiceRegistry registry = new AppServiceRegistry();
        registry.services = AppServiceRegistry.load(List.of(file("a.yaml", "a", "ta", "ha"),
                file("b.yaml", "b", "tb", "hb")), "example.org", new ConfigProblems());
        assertEquals("b", registry.byAsTokenHash(TokenHashes.sha256("tb")).orElseThrow().id());
        assertTrue(registry.byAsTokenHash(TokenHashes.sha256("hb")).isEmpty(), "an hs_token is no access token");
        assertTrue(registry.byAsTokenHash(TokenHashes.sha256("tc")).isEmpty());
    }
}
