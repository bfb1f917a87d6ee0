import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.gatehouse.account.PasswordHasher;
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
 *   <li>{@code time <memoryKib> <iterations> <parallelism> <count>}: prints the median time of one
 *       {@link PasswordHasher#verify} in milliseconds, after a warm-up;</li>
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
            case "time" -> System.out.printf("%.3f%n", medianVerifyMillis(hasher(args), Integer.parseInt(args[4])));
            case "tokens" -> tokens(Long.parseLong(args[1]), Integer.parseInt(args[2]), args[3],
                    Integer.parseInt(args[4]), Path.of(args[5]), Long.parseLong(args[6]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static PasswordHasher hasher(String[] args) {
        return new PasswordHasher(new PasswordConfig(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Optional.empty(), 8, false, false, false, false));
    }

    private static double medianVerifyMillis(PasswordHasher hasher, int count) {
        String stored = hasher.hash("bench-password");
        for (int i = 0; i < Math.max(3, count / 2); i++) {
            hasher.verify("bench-password", stored);
        }
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            if (!hasher.verify("bench-password", stored)) {
                throw new IllegalStateException("hash did not verify");
            }
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[count / 2];
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
