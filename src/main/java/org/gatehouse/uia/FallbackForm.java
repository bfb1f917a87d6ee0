package org.gatehouse.uia;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The browser form for one stage type on the fallback page (spec: "Fallback"), a CDI bean keyed
 * by the stage's spec type like {@link UiaStage}. A stage type has a fallback page when it has
 * both a {@link UiaStage} and a form.
 */
public interface FallbackForm {

    /** The stage's spec type, e.g. {@code m.login.password}. */
    String type();

    /** The page heading, plain text. */
    String title();

    /**
     * The form's fields and submit button as safe HTML (every value taken from the context is
     * escaped); the page adds the {@code <form>} element and the session.
     */
    String fieldsHtml(FallbackContext context);

    /**
     * The {@code auth} object to attempt the stage with, from the submitted form fields and the
     * same context the form was rendered with.
     *
     * @throws org.gatehouse.http.error.MatrixException 400 when a field the user must fill is missing
     */
    JsonObject auth(Map<String, List<String>> form, FallbackContext context);
}
