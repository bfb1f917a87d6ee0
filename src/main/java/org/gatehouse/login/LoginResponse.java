package org.gatehouse.login;

import org.gatehouse.token.DeviceSession;

/** The 200 body of {@code POST /login}. */
public record LoginResponse(String userId, String accessToken, String deviceId, String refreshToken,
                            Long expiresInMs) {

    static LoginResponse of(DeviceSession session) {
        return new LoginResponse(session.userId(), session.tokens().accessToken(), session.deviceId(),
                session.tokens().refreshToken(), session.tokens().expiresInMs());
    }
}
