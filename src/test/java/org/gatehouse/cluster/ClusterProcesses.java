package org.gatehouse.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/cluster/cluster.sh} for a test: which server (WildFly, or Payara Micro when
 * failsafe runs the {@code payara} Arquillian container), where it is, the ports (system properties
 * {@code cluster.a.port}, {@code cluster.b.port}, {@code cluster.proxy.port}, {@code cluster.pg.port};
 * by default 8930, 8950 (Payara 8988, 20881), 20800 and 20810, each moved by the run's port offset:
 * {@code it.port.offset} on WildFly, {@code payara.httpPort} minus 8980 on Payara, so that two
 * checkouts that keep their servers apart keep their clusters apart too), the WAR ({@code cluster.war}, default {@code target/gatehouse.war}) and the nodes' extra settings.
 * Each call waits for the script and fails with its output.
 */
final class ClusterProcesses {

    private static final Path SCRIPT = Path.of("src", "test", "cluster", "cluster.sh");

    private final Map<String, String> environment = new HashMap<>();
    private final Path log;

    private ClusterProcesses(Path dir) {
        this.log = dir.resolveSibling(dir.getFileName() + ".log");
    }

    /**
     * The cluster of this build's servers, its state under {@code target/<name>-<server>}, nodes run
     * with {@code nodeOptions}.
     */
    static ClusterProcesses fromSystemProperties(String name, String nodeOptions) {
        boolean payara = "payara".equals(System.getProperty("arquillian.launch"));
        Path dir = Path.of("target", name + (payara ? "-payara" : "-wildfly")).toAbsolutePath();
        ClusterProcesses cluster = new ClusterProcesses(dir);
        Map<String, String> env = cluster.environment;
        env.put("CLUSTER_SERVER", payara ? "payara" : "wildfly");
        env.put("CLUSTER_DIR", dir.toString());
        env.put("CLUSTER_NODE_OPTS", nodeOptions);
        int offset = payara ? Integer.getInteger("payara.httpPort", 8980) - 8980 : Integer.getInteger("it.port.offset", 0);
        env.put("CLUSTER_A_PORT", port("cluster.a.port", (payara ? 8988 : 8930) + offset));
        env.put("CLUSTER_B_PORT", port("cluster.b.port", (payara ? 20881 : 8950) + offset));
        env.put("CLUSTER_PROXY_PORT", port("cluster.proxy.port", 20800 + offset));
        env.put("CLUSTER_PG_PORT", port("cluster.pg.port", 20810 + offset));
        if (System.getProperty("cluster.war") != null) {
            env.put("CLUSTER_WAR", System.getProperty("cluster.war"));
        }
        if (payara) {
            env.put("PAYARA_DIR", Path.of(System.getProperty("payara.microJar")).getParent().toString());
        } else {
            env.put("JBOSS_HOME", System.getProperty("jboss.home"));
        }
        return cluster;
    }

    private static String port(String property, int byDefault) {
        return System.getProperty(property, Integer.toString(byDefault));
    }

    String nodeUrl(String node) {
        return "http://127.0.0.1:" + environment.get(node.equals("a") ? "CLUSTER_A_PORT" : "CLUSTER_B_PORT") + "/";
    }

    String proxyUrl() {
        return "http://127.0.0.1:" + environment.get("CLUSTER_PROXY_PORT") + "/";
    }

    /** Runs the script with {@code arguments} (e.g. {@code up}, {@code kill a}); throws unless it succeeds. */
    void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cluster.sh " + String.join(" ", arguments) + " did not finish; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("cluster.sh " + String.join(" ", arguments) + " failed:\n" + Files.readString(log));
        }
    }
}
