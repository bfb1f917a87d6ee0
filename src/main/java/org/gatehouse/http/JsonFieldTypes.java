package org.gatehouse.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.bind.annotation.JsonbProperty;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.http.error.MatrixException;

/**
 * Strict JSON types for request records: JSON-B would quietly turn {@code 5} into {@code "5"} or
 * {@code "true"} into {@code true}; the spec's types are exact, so a field of the wrong JSON type
 * is 400 {@code M_BAD_JSON} naming the field.
 */
final class JsonFieldTypes {

    private static final Map<Class<?>, Set<ValueType>> EXPECTED = Map.ofEntries(
            Map.entry(String.class, EnumSet.of(ValueType.STRING)),
            Map.entry(Boolean.class, EnumSet.of(ValueType.TRUE, ValueType.FALSE)),
            Map.entry(boolean.class, EnumSet.of(ValueType.TRUE, ValueType.FALSE)),
            Map.entry(Integer.class, EnumSet.of(ValueType.NUMBER)),
            Map.entry(int.class, EnumSet.of(ValueType.NUMBER)),
            Map.entry(Long.class, EnumSet.of(ValueType.NUMBER)),
            Map.entry(long.class, EnumSet.of(ValueType.NUMBER)),
            Map.entry(JsonObject.class, EnumSet.of(ValueType.OBJECT)));

    private JsonFieldTypes() {
    }

    /** Checks every component of {@code type} present in {@code json} against its Java type. */
    static void check(Class<?> type, JsonObject json) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = Optional.ofNullable(component.getAnnotation(JsonbProperty.class)).map(JsonbProperty::value)
                    .orElseGet(() -> JsonRequestReader.snakeCase(component.getName()));
            JsonValue value = json.get(name);
            if (value == null || value.getValueType() == ValueType.NULL) {
                continue;
            }
            Set<ValueType> expected = expected(component.getType());
            if (expected != null && !expected.contains(value.getValueType())) {
                throw MatrixException.badJson("Field " + name + " has the wrong type");
            }
        }
    }

    private static Set<ValueType> expected(Class<?> type) {
        if (Collection.class.isAssignableFrom(type)) {
            return EnumSet.of(ValueType.ARRAY);
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return EnumSet.of(ValueType.OBJECT);
        }
        return EXPECTED.get(type);
    }
}
