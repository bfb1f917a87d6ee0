package org.gatehouse.account;

/**
 * The body of {@code POST /account/deactivate} ({@code account_deactivation.yaml}). {@code auth}
 * is read from the raw body by the UIA engine; {@code id_server} is accepted and unused, as
 * Gatehouse binds no third-party identifiers.
 */
public record DeactivateRequest(Boolean erase, String idServer) {

    /** {@code erase}, which defaults to {@code false}. */
    boolean erases() {
        return Boolean.TRUE.equals(erase);
    }
}
