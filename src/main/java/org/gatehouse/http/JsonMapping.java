package org.gatehouse.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * The JSON-B mapping of request and response records ({@link JsonRequestReader}, {@link JsonResponseWriter}): Java's camelCase component names become
 * the spec's snake_case field names ({@code deviceId} ↔ {@code device_id}); {@code null}
 * components are left out of responses.
 */
public final class JsonMapping {

    /** Thread-safe, shared by the request reader and the response writer. */
    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(false));

    private JsonMapping() {
    }
}
