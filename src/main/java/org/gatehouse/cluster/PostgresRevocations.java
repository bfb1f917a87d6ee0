package org.gatehouse.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.gatehouse.token.RevocationBroadcast;
import org.gatehouse.token.TokenCache;
import org.gatehouse.token.TokenCache.Revocation;

/**
 * The {@link RevocationBroadcast} of a cluster on PostgreSQL: a revocation is published with
 * {@code pg_notify} inside the revoking transaction, so PostgreSQL delivers it to every listening
 * node exactly when that transaction commits (and never if it rolls back); each node keeps one
 * connection of the default datasource {@code LISTEN}ing on {@link #CHANNEL} in a thread of its
 * own and records what arrives in its {@link TokenCache}.
 *
 * <p>A node knows it may have missed a notification only while its listening connection is
 * down; it then trusts no cached token ({@link #receiving()} is false) and, once listening again,
 * forgets every row read before. A connection that stays quiet is checked with a query every ten
 * seconds, so a silently dead one is noticed within that time plus the wait between retries
 * (doubling from 100 ms to 5 s).
 *
 * <p>Payload: {@code <node> <kind> <ref>}, e.g. {@code 3f9a0c1b2d4e5f60 DEVICE 1234}; a node
 * ignores its own, which it recorded already.
 */
@ApplicationScoped
@Typed(PostgresRevocations.class)
public class PostgresRevocations implements RevocationBroadcast {

    /** The notification channel all nodes listen on. */
    static final String CHANNEL = "gatehouse_revocations";

    private static final Logger LOG = Logger.getLogger(PostgresRevocations.class.getName());
    private static final int WAIT_MS = 500;
    private static final long FIRST_RETRY_MS = 100;
    private static final long LAST_RETRY_MS = 5_000;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    TokenCache cache;

    @Inject
    SecureRandom random;

    private String node;
    private volatile boolean running;
    private volatile boolean receiving;
    private Thread listener;

    /**
     * Checks that the default datasource is PostgreSQL with its driver visible to the application,
     * then starts listening.
     *
     * @throws IllegalStateException naming {@code gatehouse.cluster.enabled} when it is not
     */
    void start() {
        if (!PgNotifications.driverVisible()) {
            throw new IllegalStateException("gatehouse.cluster.enabled=true needs the PostgreSQL JDBC driver visible to "
                    + "Gatehouse: on WildFly the module org.postgresql, on Payara the driver jar in --addLibs or the domain's lib");
        }
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equals(product)) {
                throw new IllegalStateException("gatehouse.cluster.enabled=true needs PostgreSQL as the default datasource, found "
                        + product);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("gatehouse.cluster.enabled=true: the default datasource cannot be reached", e);
        }
        byte[] id = new byte[8];
        random.nextBytes(id);
        node = HexFormat.of().formatHex(id);
        running = true;
        listener = threads.newThread(this::listen);
        listener.setName("gatehouse-revocations");
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2 * WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Revocation revocation) {
        em.createNativeQuery("SELECT 1 FROM pg_notify(?1, ?2)")
                .setParameter(1, CHANNEL)
                .setParameter(2, node + " " + revocation.kind() + " " + revocation.ref())
                .getSingleResult();
    }

    @Override
    public boolean receiving() {
        return receiving;
    }

    private void listen() {
        long retry = FIRST_RETRY_MS;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PgNotifications notifications = PgNotifications.listen(connection, CHANNEL);
                cache.forgetAll();
                receiving = true;
                retry = FIRST_RETRY_MS;
                LOG.info("Listening for the revocations of the other cluster nodes (node " + node + ")");
                while (running) {
                    notifications.await(WAIT_MS).forEach(this::deliver);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Revocations of the other cluster nodes are not being received; "
                            + "cached tokens are not trusted until they are (retrying in " + retry + " ms)", e);
                }
            } finally {
                receiving = false;
            }
            retry = pause(retry);
        }
    }

    private long pause(long retry) {
        try {
            if (running) {
                Thread.sleep(retry);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return Math.min(retry * 2, LAST_RETRY_MS);
    }

    private void deliver(String payload) {
        if (payload.startsWith(node + " ")) {
            return;
        }
        parse(payload).ifPresentOrElse(cache::remoteRevocation,
                () -> LOG.warning(() -> "Ignored a malformed revocation notice: " + payload));
    }

    /** The revocation in the payload {@code <node> <kind> <ref>}; empty when it is malformed. */
    static Optional<Revocation> parse(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Revocation(TokenCache.Kind.valueOf(parts[1]), Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
