package org.gatehouse.uia;

import java.util.List;
import java.util.Map;

/** Reading submitted form fields. */
final class FallbackFields {

    private FallbackFields() {
    }

    /** The first value of {@code name}, or the empty string when the form has none. */
    static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0);
    }
}
