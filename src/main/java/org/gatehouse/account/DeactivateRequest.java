package org.gatehouse.account;

/**
 * The body of {@code POST /account/deactivate} ({@code account_deactivation.yaml}). {@code auth}
 * and {@code erase} ({@code false} by default) are read from the raw body, or from the UIA session
 * when a later stage sends only {@code auth}; the record checks the fields' types. {@code id_server}
 * is accepted and unused, as Gatehouse binds no third-party identifiers.
 */
public record DeactivateRequest(Boolean erase, String idServer) {
}
