package org.gatehouse.account;

/**
 * The body of a whoami answer ({@code whoami.yaml}: {@code user_id}, {@code device_id} when the token
 * has a device, {@code is_guest}), written directly instead of through JSON-B: whoami is the most
 * frequent authenticated request and its body has this one fixed shape (docs/benchmarks.md §16).
 * Every string is escaped as RFC 8259 §7 requires ({@code "}, {@code \}, control characters), and
 * every character outside printable ASCII is written as a JSON unicode escape (a backslash,
 * {@code u} and four hex digits), so the body is plain ASCII and correct in any charset a
 * container picks, whatever characters an id holds.
 */
final class WhoamiJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WhoamiJson() {
    }

    /**
     * The JSON object.
     *
     * @param userId   the user id, never {@code null}
     * @param deviceId the device id, or {@code null} for a token without a device (then omitted)
     * @param guest    whether the account is a guest
     * @return {@code {"user_id":…,"device_id":…,"is_guest":…}}
     */
    static String of(String userId, String deviceId, boolean guest) {
        StringBuilder json = new StringBuilder(64 + userId.length() + (deviceId == null ? 0 : deviceId.length()));
        json.append("{\"user_id\":");
        string(json, userId);
        if (deviceId != null) {
            json.append(",\"device_id\":");
            string(json, deviceId);
        }
        return json.append(",\"is_guest\":").append(guest).append('}').toString();
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        json.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
