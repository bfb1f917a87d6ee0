package org.gatehouse.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while validating configuration, each a sentence naming the setting: errors,
 * which fail the deployment, and warnings, which are logged and let it go on.
 */
public final class ConfigProblems {

    private final List<String> messages = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Records {@code message} unless {@code condition} holds. */
    public void require(boolean condition, String message) {
        if (!condition) {
            messages.add(message);
        }
    }

    /** Records the warning {@code message} unless {@code condition} holds. */
    public void recommend(boolean condition, String message) {
        if (!condition) {
            warnings.add(message);
        }
    }

    /** The errors. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** The warnings. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
