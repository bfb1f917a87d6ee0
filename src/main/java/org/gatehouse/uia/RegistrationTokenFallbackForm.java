package org.gatehouse.uia;

import jakarta.enterprise.context.ApplicationScoped;
import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.gatehouse.http.error.MatrixException;

/** The fallback form of {@code m.login.registration_token}: the token the server operator handed out. */
@ApplicationScoped
public class RegistrationTokenFallbackForm implements FallbackForm {

    @Override
    public String type() {
        return "m.login.registration_token";
    }

    @Override
    public String title() {
        return "Enter your registration token";
    }

    @Override
    public String fieldsHtml(FallbackContext context) {
        return "<p>This server needs a registration token to create an account.</p>\n"
                + "<label for=\"token\">Registration token</label>\n"
                + "<input id=\"token\" name=\"token\" type=\"text\" autocomplete=\"off\" autocapitalize=\"none\""
                + " spellcheck=\"false\" required>\n"
                + "<button type=\"submit\">Continue</button>\n";
    }

    @Override
    public JsonObject auth(Map<String, List<String>> form, FallbackContext context) {
        String token = FallbackFields.first(form, "token").strip();
        if (token.isEmpty()) {
            throw MatrixException.missingParam("Enter your registration token.");
        }
        return JSONP.createObjectBuilder().add("type", type()).add("token", token).build();
    }
}
