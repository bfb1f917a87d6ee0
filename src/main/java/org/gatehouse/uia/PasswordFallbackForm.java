package org.gatehouse.uia;

import static org.gatehouse.http.HtmlPages.escape;

import jakarta.enterprise.context.ApplicationScoped;
import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.gatehouse.http.error.MatrixException;

/**
 * The fallback form of {@code m.login.password}: the password of the user the session acts for,
 * under a sentence that names what it authorises ("To deactivate your account, enter the password
 * of …").
 */
@ApplicationScoped
public class PasswordFallbackForm implements FallbackForm {

    @Override
    public String type() {
        return "m.login.password";
    }

    @Override
    public String title() {
        return "Confirm your password";
    }

    @Override
    public String fieldsHtml(FallbackContext context) {
        String purpose = context.operation().map(operation -> "To " + escape(operation)).orElse("To continue");
        String intro = context.userId()
                .map(user -> "<p>" + purpose + ", enter the password of <strong>" + escape(user) + "</strong>.</p>\n"
                        + "<input type=\"hidden\" name=\"username\" autocomplete=\"username\" value=\""
                        + escape(user) + "\">\n")
                .orElse("<p>" + purpose + ", enter your password.</p>\n");
        return intro
                + "<label for=\"password\">Password</label>\n"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n"
                + "<button type=\"submit\">Continue</button>\n";
    }

    @Override
    public JsonObject auth(Map<String, List<String>> form, FallbackContext context) {
        String password = FallbackFields.first(form, "password");
        if (password.isEmpty()) {
            throw MatrixException.missingParam("Enter your password.");
        }
        return JSONP.createObjectBuilder().add("type", type()).add("password", password).build();
    }
}
