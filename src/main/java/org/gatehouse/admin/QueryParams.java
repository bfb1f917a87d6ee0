package org.gatehouse.admin;

import org.gatehouse.http.error.MatrixException;

/** The query parameters of the Synapse-compatible admin API, parsed as Synapse does: anything else is 400 {@code M_INVALID_PARAM}. */
final class QueryParams {

    private QueryParams() {
    }

    /** {@code true}, {@code false}, or {@code absent} when the parameter is not given. */
    static Boolean bool(String name, String value, Boolean absent) {
        if (value == null) {
            return absent;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw MatrixException.invalidParam("Boolean query parameter '" + name + "' must be one of ['true', 'false']");
        };
    }

    /** A non-negative integer, or {@code absent} when the parameter is not given. */
    static int nonNegative(String name, String value, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below like a negative number
        }
        throw MatrixException.invalidParam("Query parameter " + name + " must be a string representing a positive integer.");
    }
}
