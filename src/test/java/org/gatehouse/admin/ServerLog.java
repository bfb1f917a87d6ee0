package org.gatehouse.admin;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * WildFly's {@code server.log} of the test server, read from a mark on (the audit lines of what a
 * test did). On Payara, whose log the tests cannot read, the test using it is skipped.
 */
public final class ServerLog {

    private static final long WAIT_MS = 5_000;

    private final Path log;
    private final long mark;

    private ServerLog(Path log) {
        this.log = log;
        try {
            this.mark = Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log from its current end on. */
    public static ServerLog fromNow() {
        assumeTrue(!"payara".equals(System.getProperty("arquillian.launch")), "the log read is WildFly's");
        Path log = Path.of(System.getProperty("jboss.home", "."), "standalone", "log", "server.log");
        assumeTrue(Files.isRegularFile(log), "no server log at " + log);
        return new ServerLog(log);
    }

    /** Whether a line written since the mark contains every one of {@code parts}, waiting up to 5 s for it. */
    public boolean hasLineWith(String... parts) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        do {
            for (String line : added().split("\n")) {
                if (Arrays.stream(parts).allMatch(line::contains)) {
                    return true;
                }
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        return false;
    }

    /** What was written since the mark. */
    public String added() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(mark);
            byte[] added = new byte[(int) (file.length() - mark)];
            file.readFully(added);
            return new String(added, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
