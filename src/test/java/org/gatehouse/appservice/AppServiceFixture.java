package org.gatehouse.appservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.MatrixHttp;

/**
 * Application services for integration tests: registration files written under
 * {@code target/appservice-it/<test class>/} (the test server runs on this machine and reads them
 * from there), with tokens new for every run, and the requests an application service makes.
 *
 * <p>Two services: {@code bridge} (sender {@code _bridge_bot}; {@code @_bridge_.*} exclusive,
 * {@code @shared_.*} and {@code @_other_.*} not exclusive; {@code rate_limited: false}) and
 * {@code other} (sender {@code _other_bot}; {@code @_other_.*} exclusive; rate-limited).
 */
public final class AppServiceFixture {

    public static final String REGISTER = Accounts.REGISTER;
    public static final String TYPE = "m.login.application_service";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One registered service: its id, tokens and sender. */
    public record Service(String id, String asToken, String hsToken, String senderLocalpart) {

        /** A service with new random tokens. */
        public static Service create(String id, String senderLocalpart) {
            return new Service(id, token(), token(), senderLocalpart);
        }

        public String sender() {
            return Accounts.userId(senderLocalpart);
        }
    }

    public static final Service BRIDGE = Service.create("bridge", "_bridge_bot");
    public static final Service OTHER = Service.create("other", "_other_bot");

    private AppServiceFixture() {
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The directory for the registration files of {@code testClass}, under {@code target/appservice-it}. */
    public static Path directory(Class<?> testClass) {
        return Path.of(System.getProperty("basedir", "."), "target", "appservice-it", testClass.getSimpleName())
                .toAbsolutePath();
    }

    /**
     * Writes the registration file of {@code service}: {@code url} (YAML, e.g. {@code null}), then
     * {@code rest}, the YAML of {@code namespaces} and any optional keys.
     */
    public static Path write(Path file, Service service, String url, String rest) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, """
                    id: %s
                    url: %s
                    as_token: "%s"
                    hs_token: "%s"
                    sender_localpart: %s
                    """.formatted(service.id(), url, service.asToken(), service.hsToken(), service.senderLocalpart())
                    + rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the registration files of {@link #BRIDGE} and {@link #OTHER} for {@code testClass} and
     * returns the deployment settings naming their directory, plus {@code more}.
     */
    public static Map<String, String> settings(Class<?> testClass, Map<String, String> more) {
        Path dir = directory(testClass);
        write(dir.resolve("bridge.yaml"), BRIDGE, "\"http://127.0.0.1:9\"", """
                namespaces:
                  users:
                    - exclusive: true
                      regex: "@_bridge_.*"
                    - exclusive: false
                      regex: "@shared_.*"
                    - exclusive: false
                      regex: "@_other_.*"
                  aliases:
                    - exclusive: true
                      regex: "#_bridge_.*"
                  rooms: []
                rate_limited: false
                protocols: ["bridgeproto"]
                """);
        write(dir.resolve("other.yml"), OTHER, "null", """
                namespaces:
                  users:
                    - exclusive: true
                      regex: "@_other_.*"
                receive_ephemeral: true
                """);
        Map<String, String> settings = new LinkedHashMap<>(more);
        settings.put("gatehouse.app-services.config-files", dir.toString());
        return settings;
    }

    /** {@code ?user_id=…} (and {@code &device_id=…} when not {@code null}), URL-encoded. */
    public static String asUser(String path, String userId, String deviceId) {
        String query = "user_id=" + URLEncoder.encode(userId, StandardCharsets.UTF_8)
                + (deviceId == null ? "" : "&device_id=" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8));
        return path + (path.contains("?") ? "&" : "?") + query;
    }

    /** {@code {"type": "m.login.application_service", "username": localpart}}. */
    public static JsonObject registration(String localpart) {
        return Json.createObjectBuilder().add("type", TYPE).add("username", localpart).build();
    }

    /** {@code {"type": "m.login.application_service", "identifier": {"type": "m.id.user", "user": user}}}. */
    public static JsonObject appServiceLogin(String user) {
        return Json.createObjectBuilder().add("type", TYPE)
                .add("identifier", Json.createObjectBuilder().add("type", "m.id.user").add("user", user)).build();
    }

    /** Registers {@code localpart} for {@code service}, logged in; asserts 200 and returns the body. */
    public static JsonObject register(MatrixHttp http, Service service, String localpart) {
        MatrixHttp.Reply reply = http.post(REGISTER, registration(localpart), service.asToken());
        assertEquals(200, reply.status(), reply::text);
        return reply.json();
    }
}
