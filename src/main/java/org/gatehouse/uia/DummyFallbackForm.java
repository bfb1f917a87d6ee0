package org.gatehouse.uia;

import jakarta.enterprise.context.ApplicationScoped;
import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/** The fallback form of {@code m.login.dummy}: a confirm button. */
@ApplicationScoped
public class DummyFallbackForm implements FallbackForm {

    @Override
    public String type() {
        return "m.login.dummy";
    }

    @Override
    public String title() {
        return "Continue";
    }

    @Override
    public String fieldsHtml(FallbackContext context) {
        return "<p>No further information is needed for this step.</p>\n<button type=\"submit\">Continue</button>\n";
    }

    @Override
    public JsonObject auth(Map<String, List<String>> form, FallbackContext context) {
        return JSONP.createObjectBuilder().add("type", type()).build();
    }
}
