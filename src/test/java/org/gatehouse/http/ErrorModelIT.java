package org.gatehouse.http;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The spec's "API Standards": every failure is a standard error response with the right status. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErrorModelIT {

    /** An endpoint that takes a JSON body. */
    private static final String JSON_ENDPOINT = "/_matrix/client/v3/register";

    /** An endpoint whose body has a required field ({@code type}). */
    private static final String REQUIRED_FIELD_ENDPOINT = "/_matrix/client/v3/login";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    private MatrixHttp http;

    @BeforeEach
    void client() {
        http = new MatrixHttp(base);
    }

    @Test
    void unknownEndpointIsUnrecognized() {
        assertError(http.get("/_matrix/client/v3/no_such_endpoint"), 404, "M_UNRECOGNIZED");
    }

    @Test
    void unknownPathOutsideMatrixIsUnrecognized() {
        assertError(http.get("/index.html"), 404, "M_UNRECOGNIZED");
    }

    @Test
    void wrongMethodOnKnownPathIsUnrecognizedWith405() {
        assertError(http.postRaw("/_matrix/client/versions", "{}".getBytes(StandardCharsets.UTF_8), "application/json"),
                405, "M_UNRECOGNIZED");
    }

    @Test
    void bodyThatIsNotJsonIsNotJson() {
        assertError(http.postRaw(JSON_ENDPOINT, "{not json".getBytes(StandardCharsets.UTF_8), "application/json"),
                400, "M_NOT_JSON");
    }

    @Test
    void emptyBodyIsNotJson() {
        assertError(http.postRaw(JSON_ENDPOINT, new byte[0], "application/json"), 400, "M_NOT_JSON");
    }

    @Test
    void bodyThatIsNotUtf8IsNotJson() {
        byte[] latin1 = "{\"username\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertError(http.postRaw(JSON_ENDPOINT, latin1, "application/json"), 400, "M_NOT_JSON");
    }

    @Test
    void jsonThatIsNotAnObjectIsBadJson() {
        assertError(http.post(JSON_ENDPOINT, Json.createArrayBuilder().add(1).build()), 400, "M_BAD_JSON");
    }

    @Test
    void fieldOfTheWrongTypeIsBadJson() {
        var body = Json.createObjectBuilder().add("username", Json.createObjectBuilder()).add("password", "x").build();
        assertError(http.post(JSON_ENDPOINT, body), 400, "M_BAD_JSON");
    }

    @Test
    void numberWhereAStringBelongsIsBadJson() {
        var body = Json.createObjectBuilder().add("type", 5).add("password", "x").build();
        assertError(http.post(REQUIRED_FIELD_ENDPOINT, body), 400, "M_BAD_JSON");
    }

    @Test
    void stringWhereABooleanBelongsIsBadJson() {
        var body = Json.createObjectBuilder().add("type", "m.login.password").add("refresh_token", "true").build();
        assertError(http.post(REQUIRED_FIELD_ENDPOINT, body), 400, "M_BAD_JSON");
    }

    @Test
    void numberNoJavaNumberHoldsIsBadJson() {
        byte[] body = "{\"type\":\"m.login.password\",\"extra\":1e99999999999}".getBytes(StandardCharsets.UTF_8);
        assertError(http.postRaw(REQUIRED_FIELD_ENDPOINT, body, "application/json"), 400, "M_BAD_JSON");
    }

    @Test
    void missingRequiredFieldIsMissingParam() {
        var body = Json.createObjectBuilder().add("user", "someone").add("password", "secret").build();
        assertError(http.post(REQUIRED_FIELD_ENDPOINT, body), 400, "M_MISSING_PARAM");
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        String padding = "a".repeat(70 * 1024);
        byte[] body = ("{\"username\":\"x\",\"password\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
        assertError(http.postRaw(JSON_ENDPOINT, body, "application/json"), 413, "M_TOO_LARGE");
    }

    @Test
    void postWithoutContentTypeIsReadAsJson() {
        var reply = http.postRaw(JSON_ENDPOINT, "{not json".getBytes(StandardCharsets.UTF_8), null);
        assertError(reply, 400, "M_NOT_JSON");
        var missing = http.postRaw(REQUIRED_FIELD_ENDPOINT, "{\"user\":\"x\"}".getBytes(StandardCharsets.UTF_8), null);
        assertError(missing, 400, "M_MISSING_PARAM");
    }

    @Test
    void preflightIsAnsweredWithoutEndpointLogic() {
        var reply = http.send(HttpRequest.newBuilder(http.uri("/_matrix/client/v3/logout"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST"));
        assertEquals(200, reply.status());
        assertCorsHeaders(reply);
    }

    @Test
    void preflightOnUnknownPathIsAnsweredToo() {
        var reply = http.send(HttpRequest.newBuilder(http.uri("/_matrix/client/v3/anything/at/all"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, reply.status());
        assertCorsHeaders(reply);
    }

    @Test
    void errorsCarryCorsHeaders() {
        var reply = http.get("/_matrix/client/v3/no_such_endpoint");
        assertCorsHeaders(reply);
    }

    @Test
    void errorBodiesNeverLeakInternals() {
        var reply = http.postRaw(JSON_ENDPOINT, "{\"username\": [1, {\"a\": null}], \"password\": 5}"
                .getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals(400, reply.status());
        assertFalse(reply.text().contains("Exception"), reply.text());
        assertFalse(reply.text().contains("org."), reply.text());
    }

    static void assertCorsHeaders(MatrixHttp.Reply reply) {
        assertEquals("*", reply.header("Access-Control-Allow-Origin"));
        assertEquals("GET, POST, PUT, DELETE, OPTIONS", reply.header("Access-Control-Allow-Methods"));
        assertEquals("X-Requested-With, Content-Type, Authorization", reply.header("Access-Control-Allow-Headers"));
    }
}
