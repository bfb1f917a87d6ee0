package org.gatehouse.uia;

import static org.gatehouse.http.HtmlPages.escape;

import jakarta.enterprise.context.ApplicationScoped;
import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.http.error.MatrixException;

/**
 * The fallback form of {@code m.login.terms} (spec: "Terms of service at registration"): each
 * policy of the stage's {@code params} as a link with its own accept checkbox, rendered from the
 * params alone. The English version is shown when there is one, else the first language listed;
 * only {@code http(s)} URLs become links. Every policy must be ticked.
 */
@ApplicationScoped
public class TermsFallbackForm implements FallbackForm {

    /** One policy as shown: its id in {@code params.policies}, name, URL and version. */
    record Policy(String id, String name, Optional<String> url, String version) {
    }

    @Override
    public String type() {
        return "m.login.terms";
    }

    @Override
    public String title() {
        return "Accept the terms";
    }

    @Override
    public String fieldsHtml(FallbackContext context) {
        StringBuilder html = new StringBuilder("<p>Please read and accept the following policies.</p>\n<ul class=\"policies\">\n");
        int index = 0;
        for (Policy policy : policies(context)) {
            String field = "accept-" + index++;
            String document = policy.url()
                    .map(url -> "<a href=\"" + escape(url) + "\" target=\"_blank\" rel=\"noopener noreferrer\">"
                            + escape(policy.name()) + "</a>")
                    .orElse(escape(policy.name()));
            html.append("<li>").append(document);
            if (!policy.version().isEmpty()) {
                html.append(" <span class=\"version\">(version ").append(escape(policy.version())).append(")</span>");
            }
            html.append("<br>\n<input type=\"checkbox\" id=\"").append(field).append("\" name=\"accept\" value=\"")
                    .append(escape(policy.id())).append("\" required>\n<label for=\"").append(field)
                    .append("\">I have read and agree to the ").append(escape(policy.name())).append("</label></li>\n");
        }
        return html.append("</ul>\n<button type=\"submit\">Accept and continue</button>\n").toString();
    }

    @Override
    public JsonObject auth(Map<String, List<String>> form, FallbackContext context) {
        List<String> accepted = form.getOrDefault("accept", List.of());
        if (!policies(context).stream().map(Policy::id).allMatch(accepted::contains)) {
            throw MatrixException.missingParam("Accept every policy to continue.");
        }
        return JSONP.createObjectBuilder().add("type", type()).build();
    }

    /** The policies of {@code params.policies}, in the order listed; malformed entries are left out. */
    static List<Policy> policies(FallbackContext context) {
        JsonObject policies = context.params().map(params -> params.get("policies"))
                .filter(value -> value.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject).orElse(JsonValue.EMPTY_JSON_OBJECT);
        List<Policy> found = new ArrayList<>();
        policies.forEach((id, value) -> {
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObject policy = value.asJsonObject();
                language(policy).ifPresent(text -> found.add(new Policy(id, string(text, "name").orElse(id),
                        string(text, "url").filter(TermsFallbackForm::isWebUrl), string(policy, "version").orElse(""))));
            }
        });
        return found;
    }

    private static Optional<JsonObject> language(JsonObject policy) {
        JsonValue english = policy.get("en");
        if (english != null && english.getValueType() == JsonValue.ValueType.OBJECT) {
            return Optional.of(english.asJsonObject());
        }
        return policy.values().stream().filter(value -> value.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject).findFirst();
    }

    private static Optional<String> string(JsonObject object, String key) {
        return object.get(key) instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }

    private static boolean isWebUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
