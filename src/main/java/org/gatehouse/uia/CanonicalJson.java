package org.gatehouse.uia;

import static org.gatehouse.http.JsonMapping.JSONP;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.TreeMap;

/** A deterministic serialisation of JSON: object keys sorted, no insignificant whitespace. */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        append(value, out);
        return out.toString();
    }

    private static void append(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (var entry : new TreeMap<>((JsonObject) value).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(JSONP.createValue(entry.getKey())).append(':');
                    append(entry.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                JsonArray array = (JsonArray) value;
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(array.get(i), out);
                }
                out.append(']');
            }
            case STRING -> out.append(((JsonString) value).toString());
            default -> out.append(value);
        }
    }
}
