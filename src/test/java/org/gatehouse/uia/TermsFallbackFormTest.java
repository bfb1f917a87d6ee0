package org.gatehouse.uia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.http.error.MatrixException;
import org.junit.jupiter.api.Test;

class TermsFallbackFormTest {

    private static final String PARAMS = """
            {"policies": {
              "terms_of_service": {"version": "1.2",
                "fr": {"name": "Conditions", "url": "https://example.org/fr/tos"},
                "en": {"name": "Terms <b>of</b> Service", "url": "https://example.org/tos?a=1&b=\\"2\\""}},
              "privacy_policy": {"version": "2\\" onmouseover=\\"x",
                "de": {"name": "Datenschutz", "url": "javascript:alert(1)"}},
              "broken": "not an object"
            }}""";

    private final TermsFallbackForm form = new TermsFallbackForm();
    private final FallbackContext context = new FallbackContext(Optional.of(parse(PARAMS)), Optional.empty(), Optional.empty());

    @Test
    void policiesAreReadInOrderPreferringEnglish() {
        assertEquals(List.of(
                        new TermsFallbackForm.Policy("terms_of_service", "Terms <b>of</b> Service",
                                Optional.of("https://example.org/tos?a=1&b=\"2\""), "1.2"),
                        new TermsFallbackForm.Policy("privacy_policy", "Datenschutz", Optional.empty(), "2\" onmouseover=\"x")),
                TermsFallbackForm.policies(context));
    }

    @Test
    void everyNameUrlAndVersionIsEscaped() {
        String html = form.fieldsHtml(context);

        assertTrue(html.contains("<a href=\"https://example.org/tos?a=1&amp;b=&quot;2&quot;\" target=\"_blank\" "
                + "rel=\"noopener noreferrer\">Terms &lt;b&gt;of&lt;/b&gt; Service</a>"), html);
        assertTrue(html.contains("(version 2&quot; onmouseover=&quot;x)"), html);
        assertFalse(html.contains("<b>"), html);
    }

    @Test
    void onlyWebUrlsBecomeLinks() {
        String html = form.fieldsHtml(context);

        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("<li>Datenschutz"), html);
    }

    @Test
    void eachPolicyHasALabelledCheckbox() {
        String html = form.fieldsHtml(context);

        assertTrue(html.contains("<input type=\"checkbox\" id=\"accept-0\" name=\"accept\" value=\"terms_of_service\" required>\n"
                + "<label for=\"accept-0\">"), html);
        assertTrue(html.contains("id=\"accept-1\" name=\"accept\" value=\"privacy_policy\""), html);
    }

    @Test
    void everyPolicyMustBeAccepted() {
        MatrixException refused = assertThrows(MatrixException.class,
                () -> form.auth(Map.of("accept", List.of("terms_of_service")), context));

        assertEquals(400, refused.status());
    }

    @Test
    void acceptingEveryPolicySubmitsJustTheType() {
        JsonObject auth = form.auth(Map.of("accept", List.of("privacy_policy", "terms_of_service")), context);

        assertEquals(Json.createObjectBuilder().add("type", "m.login.terms").build(), auth);
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
