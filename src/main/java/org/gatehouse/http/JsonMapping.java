package org.gatehouse.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;

/**
 * The JSON-B mapping of request and response records ({@link JsonRequestReader}, {@link JsonResponseWriter}): Java's camelCase component names become
 * the spec's snake_case field names ({@code deviceId} ↔ {@code device_id}); {@code null}
 * components are left out of responses. JSON-P values are built with {@link #JSONP}.
 */
public final class JsonMapping {

    /** Thread-safe, shared by the request reader and the response writer. */
    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(false));

    /**
     * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s factory methods look the
     * provider up again on every call ({@code JsonProvider.provider()}: a {@code ServiceLoader}
     * search of the deployment's class path, whose Javadoc asks callers to cache the result), which
     * on WildFly put jar-file lookups on the path of every request with a body and every error.
     * Application code uses this instance and never {@code Json.create…}.
     */
    public static final JsonProvider JSONP = JsonProvider.provider();

    /**
     * {@code application/json;charset=UTF-8}, the {@code Content-Type} of every JSON answer, made
     * once: a {@link MediaType} with a parameter costs a sorted map and its hash each time one is
     * made (docs/benchmarks.md, section 17).
     */
    public static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private JsonMapping() {
    }
}
