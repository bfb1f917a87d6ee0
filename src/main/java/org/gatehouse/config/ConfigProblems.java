package org.gatehouse.config;

import java.util.ArrayList;
import java.util.List;

/** The problems found while validating configuration, each a sentence naming the setting. */
public final class ConfigProblems {

    private final List<String> messages = new ArrayList<>();

    /** Records {@code message} unless {@code condition} holds. */
    public void require(boolean condition, String message) {
        if (!condition) {
            messages.add(message);
        }
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }
}
