package org.gatehouse.testing;

/**
 * The ports of the test server a run uses, on either server: the run's port offset ({@code it.port.offset}
 * on WildFly, {@code payara.httpPort} minus 8980 on Payara, so that peers the tests start, such as the mock
 * identity provider, move with it) and the server's base URL.
 */
public final class TestPorts {

    private TestPorts() {
    }

    /** The run's port offset. */
    public static int offset() {
        Integer payara = Integer.getInteger("payara.httpPort");
        return payara != null ? payara - 8980 : Integer.getInteger("it.port.offset", 0);
    }

    /** The test server's base URL, ending with {@code /}. */
    public static String baseUrl() {
        return System.getProperty("gatehouse.it.base-url",
                "http://127.0.0.1:" + (8080 + Integer.getInteger("it.port.offset", 0)) + "/");
    }
}
