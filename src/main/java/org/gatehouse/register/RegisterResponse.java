package org.gatehouse.register;

import org.gatehouse.token.DeviceSession;

/**
 * The 200 body of {@code POST /register}: only {@code user_id} when login was inhibited.
 */
public record RegisterResponse(String userId, String accessToken, String deviceId) {

    static RegisterResponse of(DeviceSession session) {
        return new RegisterResponse(session.userId(), session.accessToken(), session.deviceId());
    }

    static RegisterResponse withoutLogin(String userId) {
        return new RegisterResponse(userId, null, null);
    }
}
