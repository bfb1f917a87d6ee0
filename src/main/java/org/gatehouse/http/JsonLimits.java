package org.gatehouse.http;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * Limits on the shape of a JSON request body, beyond its size, so hostile input is refused with a
 * 400 before any service sees it:
 * <ul>
 *   <li>nesting deeper than {@value #MAX_DEPTH} arrays and objects → {@code M_BAD_JSON}, checked on
 *       the text before it is parsed;</li>
 *   <li>an array of more than {@value #MAX_ARRAY_ITEMS} items → {@code M_BAD_JSON};</li>
 *   <li>a string or key that is not valid UTF-16 (an unpaired surrogate, which JSON's
 *       escapes can produce) → {@code M_BAD_JSON};</li>
 *   <li>a string or key with a control character (C0 other than tab, line feed and carriage
 *       return; DEL; C1) → {@code M_INVALID_PARAM}, except the values of {@code password} and
 *       {@code new_password}, which are the user's secret and are taken as they are, and the value
 *       of a top-level {@code username} (the username a registration asks for), which breaks the
 *       user ID grammar like any other character outside it → {@code M_INVALID_USERNAME} (spec:
 *       "Account registration", "Identifier Grammar").</li>
 * </ul>
 */
final class JsonLimits {

    /** Deepest nesting of arrays and objects accepted. */
    static final int MAX_DEPTH = 32;

    /** Most items accepted in one array. */
    static final int MAX_ARRAY_ITEMS = 1024;

    private static final Set<String> SECRET_FIELDS = Set.of("password", "new_password");

    /** The top-level field that names the account a registration asks for. */
    private static final String USERNAME = "username";

    private JsonLimits() {
    }

    /** Refuses text whose arrays and objects nest deeper than {@link #MAX_DEPTH}. */
    static void checkDepth(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw MatrixException.badJson("Content is nested more than " + MAX_DEPTH + " levels deep");
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    /** Refuses over-long arrays and unacceptable strings anywhere in {@code value}. */
    static void checkValues(JsonValue value) {
        check(value, null, 0);
    }

    /** @param depth 0 for the body itself, 1 for its top-level fields, and so on */
    private static void check(JsonValue value, String key, int depth) {
        switch (value.getValueType()) {
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> entry : ((JsonObject) value).entrySet()) {
                    checkString(entry.getKey(), entry.getKey(), false);
                    check(entry.getValue(), entry.getKey(), depth + 1);
                }
            }
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                if (array.size() > MAX_ARRAY_ITEMS) {
                    throw MatrixException.badJson("An array has more than " + MAX_ARRAY_ITEMS + " items");
                }
                array.forEach(item -> check(item, key, depth + 1));
            }
            case STRING -> {
                String text = ((JsonString) value).getString();
                if (depth == 1 && USERNAME.equals(key)) {
                    checkUsername(text);
                } else {
                    checkString(text, key, key != null && SECRET_FIELDS.contains(key));
                }
            }
            default -> { }
        }
    }

    private static void checkString(String text, String field, boolean secret) {
        String name = field == null ? "A string" : "Field " + printable(field);
        int control = checkUnicode(text, name);
        if (!secret && control >= 0) {
            throw MatrixException.invalidParam(name + " contains a control character");
        }
    }

    private static void checkUsername(String text) {
        int control = checkUnicode(text, "Field " + USERNAME);
        if (control >= 0) {
            throw new MatrixException(400, ErrCode.M_INVALID_USERNAME, String.format(
                    "The username contains the control character U+%04X; it may only contain a-z, 0-9, "
                            + "'.', '_', '=', '-', '/' and '+'", control));
        }
    }

    /**
     * The first control character of {@code text}, or -1 when it has none.
     *
     * @throws MatrixException 400 {@code M_BAD_JSON} when {@code text} is not valid UTF-16
     */
    private static int checkUnicode(String text, String name) {
        int control = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw MatrixException.badJson(name + " is not valid Unicode text");
            } else if (control < 0 && isControl(c)) {
                control = c;
            }
        }
        return control;
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }

    private static String printable(String field) {
        return field.chars().allMatch(c -> c >= 0x20 && c < 0x7f && !Character.isSurrogate((char) c)) && field.length() <= 64
                ? field : "(unprintable)";
    }
}
