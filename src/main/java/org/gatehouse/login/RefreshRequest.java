package org.gatehouse.login;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /refresh} ({@code refresh.yaml}). */
public record RefreshRequest(@NotNull String refreshToken) {
}
