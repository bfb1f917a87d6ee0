package org.gatehouse.http.error;

import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Map;
import org.gatehouse.http.JsonMapping;

/**
 * Builds the spec's standard error response: a JSON object with {@code errcode} and
 * {@code error}, plus any extra fields, served as {@code application/json}.
 */
public final class ErrorBody {

    private ErrorBody() {
    }

    /** The response for a {@link MatrixException}. */
    public static Response of(MatrixException e) {
        if (!e.carriesErrorFields()) {
            return json(e.status(), JSONP.createObjectBuilder(), e.extra());
        }
        return response(e.status(), e.errCode(), e.getMessage(), e.extra());
    }

    /** A response with the given status, code and message and no extra fields. */
    public static Response of(int status, ErrCode code, String message) {
        return response(status, code, message, Map.of());
    }

    private static Response response(int status, ErrCode code, String message, Map<String, Object> extra) {
        JsonObjectBuilder body = JSONP.createObjectBuilder()
                .add("errcode", code.name())
                .add("error", message == null ? "" : message);
        return json(status, body, extra);
    }

    private static Response json(int status, JsonObjectBuilder body, Map<String, Object> extra) {
        extra.forEach((key, value) -> body.add(key, toJson(value)));
        return Response.status(status)
                .type(JsonMapping.JSON_UTF8)
                .entity(body.build().toString())
                .header("Retry-After", retryAfterSeconds(extra))
                .build();
    }

    /** {@code retry_after_ms} in whole seconds, rounded up, for the {@code Retry-After} header; {@code null} (no header) without it. */
    static String retryAfterSeconds(Map<String, Object> extra) {
        return extra.get("retry_after_ms") instanceof Number ms ? String.valueOf((ms.longValue() + 999) / 1000) : null;
    }

    /** Converts the few value types that error bodies carry into JSON. */
    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return JSONP.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return JSONP.createValue(n.doubleValue());
        }
        if (value instanceof Collection<?> items) {
            var array = JSONP.createArrayBuilder();
            items.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        if (value instanceof Map<?, ?> map) {
            var object = JSONP.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object.build();
        }
        return JSONP.createValue(String.valueOf(value));
    }
}
