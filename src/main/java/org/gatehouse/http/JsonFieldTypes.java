package org.gatehouse.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.bind.annotation.JsonbProperty;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.http.error.MatrixException;
import jakarta.json.JsonNumber;

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

    /** A record component as the checks see it: its JSON name, its Java type and the JSON types that fit it. */
    private record Field(String name, Class<?> type, Set<ValueType> expected) {
    }

    /** The fields of each request record, worked out once per type (reflection and naming are not free). */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(component -> new Field(jsonName(component), component.getType(), expected(component.getType())))
                    .toList();
        }
    };

    /** Checks every component of {@code type} present in {@code json} against its Java type. */
    static void check(Class<?> type, JsonObject json) {
        for (Field field : FIELDS.get(type)) {
            JsonValue value = json.get(field.name());
            if (value == null || value.getValueType() == ValueType.NULL) {
                continue;
            }
            if (field.expected() != null && !field.expected().contains(value.getValueType())) {
                throw MatrixException.badJson("Field " + field.name() + " has the wrong type");
            }
            if (value instanceof JsonNumber number && !fits(number, field.type())) {
                throw MatrixException.invalidParam("Field " + field.name() + " is not an integer in range");
            }
        }
    }

    private static String jsonName(RecordComponent component) {
        JsonbProperty property = component.getAnnotation(JsonbProperty.class);
        return property != null ? property.value() : JsonRequestReader.snakeCase(component.getName());
    }

    /** Whether {@code number} is a whole number within the range of an {@code int}/{@code long} {@code type}; true for other types. */
    private static boolean fits(JsonNumber number, Class<?> type) {
        boolean isInt = type == Integer.class || type == int.class;
        if (!isInt && type != Long.class && type != long.class) {
            return true;
        }
        java.math.BigDecimal value = number.bigDecimalValue();
        if (value.abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return false;
        }
        try {
            long exact = value.longValueExact();
            return !isInt || (exact >= Integer.MIN_VALUE && exact <= Integer.MAX_VALUE);
        } catch (ArithmeticException fraction) {
            return false;
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
