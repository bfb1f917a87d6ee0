package org.gatehouse.sso;

/**
 * A first SSO login of a provider with {@code on-conflict=picker} needs its user to choose a
 * username: the templated one is taken, reserved or not valid ({@link SsoAccounts}), or a chosen
 * one is not usable ({@link SsoAccounts#createChosen}).
 */
public class UsernameChoiceNeeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String suggestion;

    /** The template's name {@code suggestion} (possibly empty) cannot be used as it is. */
    public UsernameChoiceNeeded(String suggestion) {
        this(suggestion, null);
    }

    /** {@code suggestion} cannot be used because of {@code problem}, a sentence for the user (or {@code null}). */
    public UsernameChoiceNeeded(String suggestion, String problem) {
        super(problem, null, false, false);
        this.suggestion = suggestion;
    }

    /** The name to show in the form, possibly empty. */
    public String suggestion() {
        return suggestion;
    }

    /** Why the chosen name was refused, or {@code null} when nothing was chosen yet. */
    public String problem() {
        return getMessage();
    }
}
