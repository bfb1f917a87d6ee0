package org.gatehouse.login;

/** The body of {@code POST /login/get_token}: only {@code auth}, which the UIA engine reads from the raw body. */
public record LoginTokenRequest() {
}
