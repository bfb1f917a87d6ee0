package org.gatehouse.account;

/** The 200 body of {@code POST /account/deactivate}: {@code success} or {@code no-support}. */
public record DeactivateResponse(String idServerUnbindResult) {
}
