package org.gatehouse.uia;

import java.util.Map;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * The 401 that asks the client to (continue to) authenticate: a UIA body without
 * {@code errcode}/{@code error}, as the spec shows for a request with no or incomplete auth.
 */
public class ChallengeException extends MatrixException {

    ChallengeException(Map<String, Object> body) {
        super(401, ErrCode.M_UNAUTHORIZED, "Authentication required", body);
    }

    @Override
    public boolean carriesErrorFields() {
        return false;
    }
}
