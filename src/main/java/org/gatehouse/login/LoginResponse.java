package org.gatehouse.login;

import org.gatehouse.token.DeviceSession;

/** The 200 body of {@code POST /login}. */
public record LoginResponse(String userId, String accessToken, String deviceId) {

    static LoginResponse of(DeviceSession session) {
        return new LoginResponse(session.userId(), session.accessToken(), session.deviceId());
    }
}
