package org.gatehouse.register;

import org.gatehouse.token.DeviceSession;

/**
 * The 200 body of {@code POST /register}: only {@code user_id} when login was inhibited.
 */
public record RegisterResponse(String userId, String accessToken, String deviceId, String refreshToken,
                               Long expiresInMs) {

    static RegisterResponse of(DeviceSession session) {
        return new RegisterResponse(session.userId(), session.tokens().accessToken(), session.deviceId(),
                session.tokens().refreshToken(), session.tokens().expiresInMs());
    }

    static RegisterResponse withoutLogin(String userId) {
        return new RegisterResponse(userId, null, null, null, null);
    }
}
