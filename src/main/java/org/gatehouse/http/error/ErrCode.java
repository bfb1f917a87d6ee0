package org.gatehouse.http.error;

/**
 * Matrix error codes, as listed under "Standard error response" in the Client-Server API
 * ("Common error codes" and "Other error codes"). The enum constant's name is the wire value.
 */
public enum ErrCode {
    M_FORBIDDEN,
    M_UNKNOWN_TOKEN,
    M_MISSING_TOKEN,
    M_USER_LOCKED,
    M_USER_SUSPENDED,
    M_BAD_JSON,
    M_NOT_JSON,
    M_NOT_FOUND,
    M_LIMIT_EXCEEDED,
    M_UNRECOGNIZED,
    M_UNKNOWN,
    M_UNAUTHORIZED,
    M_USER_DEACTIVATED,
    M_USER_IN_USE,
    M_INVALID_USERNAME,
    M_EXCLUSIVE,
    M_MISSING_PARAM,
    M_INVALID_PARAM,
    M_TOO_LARGE,
    M_WEAK_PASSWORD,
    M_GUEST_ACCESS_FORBIDDEN,
    M_THREEPID_DENIED,
    /** An application service asserted a device that its user does not have (spec v1.17, "Identity assertion"). */
    M_UNKNOWN_DEVICE
}
