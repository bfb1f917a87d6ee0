package org.gatehouse.sso;

/**
 * A single sign-on that cannot go on, with a message fit for the user's browser (it is shown on
 * an error page, escaped) and the page's HTTP status. Internals (the provider's error
 * description, a validation failure) go to the log, not into the message.
 */
public class SsoFailure extends RuntimeException {

    private final int status;
    private final String title;

    public SsoFailure(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public SsoFailure(int status, String title, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
