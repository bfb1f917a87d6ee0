package org.gatehouse.infra;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs {@link ExpiredRowPurge} every {@link #INTERVAL} on the container's
 * {@link ManagedScheduledExecutorService}, from the application's start (after the migrations) to
 * its end. Every node of a cluster schedules it; the purge's lease lets one of them run it each
 * interval. A failed run is logged and the next one tries again.
 */
@ApplicationScoped
public class ExpiredRowPurgeSchedule {

    private static final Logger LOG = Logger.getLogger(ExpiredRowPurgeSchedule.class.getName());

    /** How often the purge runs (at most once per interval across a cluster). */
    static final Duration INTERVAL = Duration.ofMinutes(10);

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Clock clock;

    private ScheduledFuture<?> runs;

    /** Runs after {@link DatabaseMigrations} (whose observer has the default priority). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 700) @Initialized(ApplicationScoped.class)
                 Object event) {
        ExpiredRowPurge purge = new ExpiredRowPurge(dataSource, clock);
        long first = TimeUnit.MINUTES.toMillis(1);
        runs = scheduler.scheduleWithFixedDelay(() -> run(purge), first, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (runs != null) {
            runs.cancel(false);
        }
    }

    private static void run(ExpiredRowPurge purge) {
        try {
            purge.runIfDue(INTERVAL).ifPresent(deleted -> LOG.fine(() -> "Purged expired rows: " + deleted));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not purge expired rows; the next run tries again", e);
        }
    }
}
