package org.gatehouse.uia;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

/** {@code m.login.dummy} (spec: "Dummy Auth"): always succeeds. */
@ApplicationScoped
public class DummyStage implements UiaStage {

    @Override
    public String type() {
        return "m.login.dummy";
    }

    @Override
    public void attempt(JsonObject auth, UiaSessionView session) {
        // Dummy auth completes on every attempt, by definition.
    }
}
