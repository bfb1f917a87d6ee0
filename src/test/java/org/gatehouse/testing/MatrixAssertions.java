package org.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

/** Assertions on Matrix responses. */
public final class MatrixAssertions {

    private MatrixAssertions() {
    }

    /**
     * Asserts a standard error response: the status, JSON content type, the errcode and a
     * non-empty human-readable {@code error}, and no field other than {@code extraFields}.
     */
    public static JsonObject assertError(MatrixHttp.Reply reply, int status, String errcode, String... extraFields) {
        assertEquals(status, reply.status(), () -> "status of " + reply.text());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        JsonObject body = reply.json();
        assertEquals(errcode, body.getString("errcode"), body::toString);
        assertTrue(!body.getString("error").isBlank(), body::toString);
        var expected = new java.util.HashSet<>(java.util.List.of("errcode", "error"));
        expected.addAll(java.util.List.of(extraFields));
        assertEquals(expected, body.keySet(), body::toString);
        return body;
    }
}
