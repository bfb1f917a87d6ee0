import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import org.gatehouse.credential.PasswordHasher;
import org.gatehouse.config.PasswordConfig;
import org.gatehouse.token.OpaqueTokens;
import org.gatehouse.token.TokenHashes;

/**
 * The benchmark's data generator and hash timer, run with the application's own classes on the
 * class path ({@code java -cp target/classes:bcprov.jar src/bench/BenchTool.java …}) so that the
 * hashes and tokens it makes are exactly those the server makes.
 * <ul>
 *   <li>{@code hash <memoryKib> <iterations> <parallelism> <password>}: prints an Argon2id PHC
 *       string made by {@link PasswordHasher};</li>
 *   <li>{@code time <memoryKib> <iterations> <parallelism> <warmupSeconds> <measureSeconds>}: prints
 *       the mean time of one {@link PasswordHasher#verify} on one thread in milliseconds, after a
 *       warm-up;</li>
 *   <li>{@code tokens <firstId> <count> <localpartPrefix> <sampleCount> <sampleFile> <createdAt>}:
 *       prints CSV rows {@code id,token_hash,user_id,device_ref,created_at} of one opaque access
 *       token per generated user (ids {@code firstId + i}, {@code i = 1..count}), and writes
 *       {@code localpart token} for {@code sampleCount} users spread evenly over them to
 *       {@code sampleFile}.</li>
 * </ul>
 */
public final class BenchTool {

    private BenchTool() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        switch (args[0]) {
            case "hash" -> System.out.println(hasher(args).hash(args[4]));
            case "time" -> System.out.printf("%.3f%n", meanVerifyMillis(hasher(args), Double.parseDouble(args[4]),
                    Double.parseDouble(args[5])));
            case "tokens" -> tokens(Long.parseLong(args[1]), Integer.parseInt(args[2]), args[3],
                    Integer.parseInt(args[4]), Path.of(args[5]), Long.parseLong(args[6]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static PasswordHasher hasher(String[] args) {
        return new PasswordHasher(new PasswordConfig(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Optional.empty(), 8, false, false, false, false));
    }

    /**
     * The mean time of one verification on one thread, in milliseconds: verifications for
     * {@code warmupSeconds} (until the JIT has compiled Argon2's loops, which takes many of them),
     * then as many as fit in {@code measureSeconds}, timed together.
     */
    private static double meanVerifyMillis(PasswordHasher hasher, double warmupSeconds, double measureSeconds) {
        String stored = hasher.hash("bench-password");
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            hasher.verify("bench-password", stored);
        }
        long start = System.nanoTime();
        long end = start + (long) (measureSeconds * 1e9);
        int count = 0;
        while (count == 0 || System.nanoTime() < end) {
            if (!hasher.verify("bench-password", stored)) {
                throw new IllegalStateException("hash did not verify");
            }
            count++;
        }
        return (System.nanoTime() - start) / 1e6 / count;
    }

    private static void tokens(long firstId, int count, String prefix, int sampleCount, Path sampleFile, long createdAt)
            throws IOException, NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        int stride = Math.max(1, count / sampleCount);
        try (PrintWriter csv = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16));
             BufferedWriter sample = Files.newBufferedWriter(sampleFile, StandardCharsets.US_ASCII)) {
            int sampled = 0;
            for (int i = 1; i <= count; i++) {
                String token = OpaqueTokens.generate("gha", random);
                long id = firstId + i;
                csv.append(Long.toString(id)).append(',').append(TokenHashes.sha256(token)).append(',')
                        .append(Long.toString(id)).append(',').append(Long.toString(id)).append(',')
                        .append(Long.toString(createdAt)).append('\n');
                if ((i - 1) % stride == 0 && sampled < sampleCount) {
                    sample.write(prefix + i + " " + token + "\n");
                    sampled++;
                }
            }
        }
    }
}
