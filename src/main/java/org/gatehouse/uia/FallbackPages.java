package org.gatehouse.uia;

import static org.gatehouse.http.HtmlPages.escape;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.HtmlPages;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;

/**
 * The User-Interactive Authentication fallback pages (spec: "Fallback"): the form of one stage
 * for an existing session, and its submission, which completes the stage in that session through
 * {@link UiaService#completeStageForFallback}. A stage type has a page when it has both a
 * {@link UiaStage} and a {@link FallbackForm}; other types get a 404 page, an unknown, expired or
 * finished session a 400 page. A failed attempt shows the form again with the error (status 200
 * when the attempt may be retried, else the error's status). Success shows a page whose script
 * ({@code done.js}) notifies the client exactly as the spec prescribes.
 */
@ApplicationScoped
public class FallbackPages {

    /** Where the pages' script and stylesheet are served ({@code AuthFallbackResource}). */
    public static final String ASSETS = "/_matrix/static/client/fallback";

    @Inject
    @Any
    Instance<FallbackForm> formBeans;

    @Inject
    UiaService uia;

    @Inject
    UserRepository users;

    @Inject
    ServerConfig server;

    private Map<String, FallbackForm> forms;

    @PostConstruct
    void collectForms() {
        Map<String, FallbackForm> found = new HashMap<>();
        formBeans.forEach(form -> found.put(form.type(), form));
        forms = Map.copyOf(found);
    }

    /**
     * The form page of {@code stageType} for {@code sessionId}.
     *
     * @param basePath the application's base path, ending in {@code /}
     * @param apiVersion the path's version segment ({@code v3} or {@code r0}), kept in the form's target
     */
    @Transactional
    public FallbackPage show(String basePath, String apiVersion, String stageType, String sessionId) {
        Optional<FallbackForm> form = form(stageType);
        if (form.isEmpty()) {
            return unknownStage(basePath);
        }
        Optional<UiaSessionView> session = session(sessionId);
        if (session.isEmpty()) {
            return unknownSession(basePath);
        }
        return formPage(basePath, apiVersion, form.get(), session.get(), 200, null);
    }

    /** Attempts the stage with the submitted form and answers the success page or the form again. */
    @Transactional(dontRollbackOn = MatrixException.class)
    public FallbackPage submit(String basePath, String apiVersion, String stageType, String sessionId,
                               Map<String, List<String>> fields) {
        Optional<FallbackForm> form = form(stageType);
        if (form.isEmpty()) {
            return unknownStage(basePath);
        }
        Optional<UiaSessionView> session = session(sessionId);
        if (session.isEmpty()) {
            return unknownSession(basePath);
        }
        try {
            uia.completeStageForFallback(sessionId, stageType, form.get().auth(fields, context(stageType, session.get())));
        } catch (MatrixException failure) {
            int status = failure.status() == 401 ? 200 : failure.status();
            return formPage(basePath, apiVersion, form.get(), session.get(), status, failure.getMessage());
        }
        return new FallbackPage(200, HtmlPages.document("Authentication complete", basePath + css(), basePath + script(),
                "<h1>Authentication complete</h1>\n<p role=\"status\">Thank you. You may now close this window "
                        + "and return to the application.</p>\n"));
    }

    private Optional<FallbackForm> form(String stageType) {
        return Optional.ofNullable(forms.get(stageType)).filter(form -> uia.supports(stageType));
    }

    private Optional<UiaSessionView> session(String sessionId) {
        return sessionId == null || sessionId.isEmpty() ? Optional.empty() : uia.activeSession(sessionId);
    }

    private FallbackContext context(String stageType, UiaSessionView session) {
        Optional<String> userId = Optional.ofNullable(session.userRef()).flatMap(users::findById)
                .map(user -> new UserId(user.localpart(), server.serverName()).toString());
        return new FallbackContext(uia.stageParams(stageType), userId, Optional.ofNullable(session.description()));
    }

    private FallbackPage formPage(String basePath, String apiVersion, FallbackForm form, UiaSessionView session,
                                  int status, String error) {
        String action = basePath + "_matrix/client/" + apiVersion + "/auth/" + encode(form.type())
                + "/fallback/web?session=" + encode(session.sessionId());
        StringBuilder body = new StringBuilder("<h1>").append(escape(form.title())).append("</h1>\n");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
        }
        body.append("<form method=\"post\" action=\"").append(escape(action)).append("\">\n")
                .append("<input type=\"hidden\" name=\"session\" value=\"").append(escape(session.sessionId())).append("\">\n")
                .append(form.fieldsHtml(context(form.type(), session)))
                .append("</form>\n");
        return new FallbackPage(status, HtmlPages.document(form.title(), basePath + css(), null, body.toString()));
    }

    private static FallbackPage unknownStage(String basePath) {
        return errorPage(basePath, 404, "Unknown authentication step",
                "This server has no web page for this authentication step.");
    }

    private static FallbackPage unknownSession(String basePath) {
        return errorPage(basePath, 400, "Session not found",
                "This authentication session is unknown or has expired. Return to the application and start again.");
    }

    private static FallbackPage errorPage(String basePath, int status, String title, String message) {
        return new FallbackPage(status, HtmlPages.document(title, basePath + css(), null,
                "<h1>" + escape(title) + "</h1>\n<p class=\"error\" role=\"alert\">" + escape(message) + "</p>\n"));
    }

    private static String css() {
        return ASSETS.substring(1) + "/fallback.css";
    }

    private static String script() {
        return ASSETS.substring(1) + "/done.js";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
