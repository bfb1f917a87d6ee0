package org.gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void booleansAreTrueOrFalseOrTheDefault() {
        assertEquals(true, QueryParams.bool("guests", "true", false));
        assertEquals(false, QueryParams.bool("guests", "false", true));
        assertNull(QueryParams.bool("admins", null, null));
    }

    @Test
    void anyOtherBooleanIsAnInvalidParameter() {
        MatrixException refused = assertThrows(MatrixException.class, () -> QueryParams.bool("guests", "TRUE", true));

        assertEquals(ErrCode.M_INVALID_PARAM, refused.errCode());
        assertEquals(400, refused.status());
    }

    @Test
    void integersAreNonNegative() {
        assertEquals(0, QueryParams.nonNegative("from", null, 0));
        assertEquals(25, QueryParams.nonNegative("limit", "25", 100));
        for (String bad : new String[] {"-1", "x", "1.5", "99999999999"}) {
            MatrixException refused = assertThrows(MatrixException.class, () -> QueryParams.nonNegative("from", bad, 0));
            assertEquals(ErrCode.M_INVALID_PARAM, refused.errCode(), bad);
        }
    }
}
