import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's SSO load: browsers logging in through an OpenID Connect provider (the
 * benchmark's standalone mock-oauth2-server), driven from a process of its own, since each login
 * is a chain of redirects that carries a cookie, which wrk cannot follow.
 *
 * <pre>java src/bench/SsoDriver.java &lt;gatehouse base URL&gt; &lt;idp id&gt; &lt;client redirectUrl&gt; &lt;threads&gt; &lt;warm-up s&gt; &lt;seconds&gt;</pre>
 *
 * One SSO login, as a browser and a Matrix client do it (spec: "Client login via SSO",
 * {@code m.login.token}):
 * <ol>
 *   <li>{@code GET /_matrix/client/v3/login/sso/redirect/<idp>?redirectUrl=…}: 302 to the provider,
 *       with the cookie that binds the attempt to this browser;</li>
 *   <li>the provider's authorization endpoint: 302 to Gatehouse's callback with {@code code} and
 *       {@code state} (the mock signs in at once);</li>
 *   <li>the callback, with the cookie: Gatehouse redeems the code at the provider, validates the ID
 *       token, finds the account and answers 302 to {@code redirectUrl?loginToken=…} (the URL is on
 *       the client allow-list, so no confirmation page);</li>
 *   <li>{@code POST /_matrix/client/v3/login} with {@code m.login.token}: 200 and an access token.</li>
 * </ol>
 * Phases, each on {@code threads} threads:
 * <ul>
 *   <li>{@code full}: whole logins (1–4) for {@code seconds}, after {@code warm-up} seconds of the same
 *       (whose failures count with this phase's);</li>
 *   <li>{@code callback}: as many callbacks (3) alone as {@code full} completed logins, from
 *       attempts prepared (1–2) before the phase starts (whose failures count with this phase's);</li>
 *   <li>{@code token}: the {@code m.login.token} logins (4) alone, with the login tokens the
 *       callback phase got.</li>
 * </ul>
 * Before and after each measured phase the driver prints {@code MARK start|end <phase>} and waits
 * for a line on standard input, so that the caller can read the server's CPU time exactly around
 * the phase. After each phase it prints {@code BENCH_RESULT <phase> {json}} in the shape of the
 * wrk scripts' results ({@code counts.ok}, {@code counts.unexpected}). Any answer other than the
 * expected one counts as unexpected; the first few are described on standard error.
 */
public final class SsoDriver {

    private static final String REDIRECT = "/_matrix/client/v3/login/sso/redirect/";
    private static final String LOGIN = "/_matrix/client/v3/login";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger REPORTED = new AtomicInteger();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    private final String base;
    private final String idp;
    private final String clientUrl;
    private final int threads;
    private final BufferedReader control = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private SsoDriver(String base, String idp, String clientUrl, int threads) {
        this.base = base;
        this.idp = idp;
        this.clientUrl = clientUrl;
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        SsoDriver driver = new SsoDriver(args[0], args[1], args[2], Integer.parseInt(args[3]));
        int warmUp = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        Tally warming = warmUp > 0 ? driver.timed(warmUp, driver::fullLogin) : new Tally();
        driver.mark("start", "full");
        Tally full = driver.timed(seconds, driver::fullLogin);
        driver.mark("end", "full");
        full.unexpected.addAndGet(warming.unexpected.get());
        full.timeouts.addAndGet(warming.timeouts.get());
        full.print("full");

        int count = Math.max(full.ok.get(), 2 * driver.threads);
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        Tally preparing = driver.counted(count, () -> {
            Attempt attempt = driver.startAttempt();
            if (attempt != null) {
                attempts.add(attempt);
            }
            return attempt != null;
        });
        ConcurrentLinkedQueue<String> loginTokens = new ConcurrentLinkedQueue<>();
        driver.mark("start", "callback");
        Tally callbacks = driver.drained(attempts, attempt -> {
            String token = driver.callback(attempt);
            if (token != null) {
                loginTokens.add(token);
            }
            return token != null;
        });
        driver.mark("end", "callback");
        callbacks.unexpected.addAndGet(preparing.unexpected.get());
        callbacks.print("callback");

        driver.mark("start", "token");
        Tally tokens = driver.drained(loginTokens, driver::tokenLogin);
        driver.mark("end", "token");
        tokens.print("token");
    }

    /** What the redirect and the provider hand the browser: the callback URL and the binding cookie. */
    private record Attempt(URI callback, String cookie) {
    }

    /** One measured action; true when it answered as expected. */
    private interface Action {
        boolean run() throws Exception;
    }

    /** One action on an item of a queue; true when it answered as expected. */
    private interface ItemAction<T> {
        boolean run(T item) throws Exception;
    }

    private boolean fullLogin() throws Exception {
        Attempt attempt = startAttempt();
        if (attempt == null) {
            return false;
        }
        String token = callback(attempt);
        return token != null && tokenLogin(token);
    }

    /** Steps 1 and 2: the redirect to the provider and the provider's redirect to the callback. */
    private Attempt startAttempt() throws Exception {
        HttpResponse<String> redirect = get(URI.create(base + REDIRECT + idp + "?redirectUrl="
                + URLEncoder.encode(clientUrl, StandardCharsets.UTF_8)), null);
        String cookie = redirect.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(null);
        if (!expectRedirect(redirect, "the redirect to the provider") || cookie == null) {
            return null;
        }
        HttpResponse<String> authorize = get(URI.create(redirect.headers().firstValue("Location").orElseThrow()), null);
        if (!expectRedirect(authorize, "the provider's authorization endpoint")) {
            return null;
        }
        return new Attempt(URI.create(authorize.headers().firstValue("Location").orElseThrow()), cookie);
    }

    /** Step 3: the callback with the browser's cookie; the login token it sends the client, or null. */
    private String callback(Attempt attempt) throws Exception {
        HttpResponse<String> done = get(attempt.callback(), attempt.cookie());
        if (!expectRedirect(done, "the callback")) {
            return null;
        }
        String location = done.headers().firstValue("Location").orElseThrow();
        String token = query(location, "loginToken");
        if (!location.startsWith(clientUrl) || token == null) {
            report("the callback sent the browser to " + location);
            return null;
        }
        return token;
    }

    /** Step 4: the client's m.login.token login. */
    private boolean tokenLogin(String loginToken) throws Exception {
        String body = "{\"type\":\"m.login.token\",\"token\":\"" + loginToken + "\",\"initial_device_display_name\":\"bench sso\"}";
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + LOGIN)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200 || !login.body().contains("\"access_token\"")) {
            report("m.login.token answered " + login.statusCode() + ": " + login.body());
            return false;
        }
        return true;
    }

    private HttpResponse<String> get(URI uri, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean expectRedirect(HttpResponse<String> response, String what) {
        if (response.statusCode() == 302 && response.headers().firstValue("Location").isPresent()) {
            return true;
        }
        report(what + " answered " + response.statusCode() + ": " + response.body());
        return false;
    }

    private static String query(String url, String name) {
        String raw = URI.create(url).getRawQuery();
        if (raw == null) {
            return null;
        }
        return Arrays.stream(raw.split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8)).findFirst().orElse(null);
    }

    private static void report(String message) {
        if (REPORTED.incrementAndGet() <= 5) {
            System.err.println("SsoDriver: " + message.substring(0, Math.min(message.length(), 400)));
        }
    }

    private void mark(String edge, String phase) throws IOException {
        System.out.println("MARK " + edge + " " + phase);
        System.out.flush();
        if (control.readLine() == null) {
            throw new IOException("the caller closed standard input");
        }
    }

    /** The action on every thread, again and again, for {@code seconds}. */
    private Tally timed(int seconds, Action action) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        return onThreads(tally -> {
            while (System.nanoTime() < deadline) {
                tally.measure(action);
            }
        });
    }

    /** The action {@code count} times in all, shared among the threads. */
    private Tally counted(int count, Action action) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(count);
        return onThreads(tally -> {
            while (left.getAndDecrement() > 0) {
                tally.measure(action);
            }
        });
    }

    /** The action once on every item of the queue, shared among the threads. */
    private <T> Tally drained(ConcurrentLinkedQueue<T> items, ItemAction<T> action) throws InterruptedException {
        return onThreads(tally -> {
            for (T item = items.poll(); item != null; item = items.poll()) {
                T current = item;
                tally.measure(() -> action.run(current));
            }
        });
    }

    private Tally onThreads(java.util.function.Consumer<Tally> work) throws InterruptedException {
        Tally tally = new Tally();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> work.accept(tally), "sso-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        tally.finish();
        return tally;
    }

    /** Outcomes and latencies of one phase. */
    private static final class Tally {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger unexpected = new AtomicInteger();
        final AtomicInteger timeouts = new AtomicInteger();
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final long started = System.nanoTime();
        long seconds;

        void measure(Action action) {
            long start = System.nanoTime();
            try {
                if (action.run()) {
                    ok.incrementAndGet();
                    latencies.add(System.nanoTime() - start);
                } else {
                    unexpected.incrementAndGet();
                }
            } catch (java.net.http.HttpTimeoutException e) {
                timeouts.incrementAndGet();
                report("timeout: " + e.getMessage());
            } catch (Exception e) {
                unexpected.incrementAndGet();
                report(e.toString());
            }
        }

        void finish() {
            seconds = System.nanoTime() - started;
        }

        double percentile(List<Long> sorted, double p) {
            if (sorted.isEmpty()) {
                return 0;
            }
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1)) / 1e6;
        }

        void print(String phase) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            double s = seconds / 1e9;
            int requests = ok.get() + unexpected.get() + timeouts.get();
            System.out.println("BENCH_RESULT " + phase + " " + String.format(Locale.ROOT,
                    "{\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,"
                            + "\"max_ms\":%.3f,\"non_2xx_3xx\":0,\"socket_errors\":0,\"timeouts\":%d,"
                            + "\"counts\":{\"ok\":%d,\"unexpected\":%d}}",
                    requests, s, ok.get() / s, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                    percentile(sorted, 100), timeouts.get(), ok.get(), unexpected.get()));
            System.out.flush();
        }
    }
}
