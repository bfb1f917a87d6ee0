package org.gatehouse.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonString;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Discovery: {@code /versions}, {@code /.well-known/matrix/client} and health. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DiscoveryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void versionsListsSupportedSpecVersions() {
        var reply = new MatrixHttp(base).get("/_matrix/client/versions");
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        var versions = reply.json().getJsonArray("versions").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        assertTrue(versions.contains("v1.1"), versions::toString);
        assertTrue(versions.stream().allMatch(v -> v.matches("v1\\.\\d+")), versions::toString);
        assertEquals("*", reply.header("Access-Control-Allow-Origin"));
    }

    /**
     * A client or reverse proxy keeps one connection for many requests: 600 requests on one socket
     * are all answered there, none with {@code Connection: close} (Payara closes a connection after
     * 250 requests unless {@code server-config/payara/pre-boot-commands.asadmin} raises its limit).
     */
    @Test
    void oneKeepAliveConnectionServesSixHundredRequests() throws IOException {
        byte[] request = ("GET /_matrix/client/versions HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 1; i <= 600; i++) {
                out.write(request);
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), "request " + i + ": " + head);
                assertFalse(head.toLowerCase(Locale.ROOT).contains("connection: close"), "request " + i + ": " + head);
                in.readNBytes(contentLength(head));
            }
        }
    }

    /** The status line and headers of one response, up to the blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The server closed the connection after: " + head);
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        throw new AssertionError("No Content-Length in " + head);
    }

    @Test
    void wellKnownAdvertisesThePublicBaseUrl() {
        var reply = new MatrixHttp(base).get("/.well-known/matrix/client");
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        assertEquals("http://localhost:8080/",
                reply.json().getJsonObject("m.homeserver").getString("base_url"));
    }
}
