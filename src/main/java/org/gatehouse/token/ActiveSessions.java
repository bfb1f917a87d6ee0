package org.gatehouse.token;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.config.MetricsConfig;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;

/**
 * The figure {@link Figure#ACTIVE_SESSIONS}: how many devices hold an unexpired access token, in
 * the whole database (so every node of a cluster reports the same number). Counting is a
 * database query, so it never runs when the figure is read (a scrape may come from a server
 * thread outside the application): the count is kept here and renewed on the container's
 * scheduler every {@code gatehouse.metrics.sessions-max-age-seconds}, and only if the figure was
 * read since the last count. Until the first count the figure is {@code NaN}.
 */
@ApplicationScoped
public class ActiveSessions {

    private static final Logger LOG = Logger.getLogger(ActiveSessions.class.getName());

    @Inject
    LiveSessionCount liveSessions;

    @Inject
    MetricsConfig config;

    @Inject
    Metrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile long count = -1;
    private volatile boolean readSinceCount = true;
    private ScheduledFuture<?> counting;

    @PostConstruct
    void start() {
        metrics.gauge(Figure.ACTIVE_SESSIONS, this::read);
        long period = config.sessionsMaxAge().toMillis();
        counting = scheduler.scheduleWithFixedDelay(this::recountIfRead, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        counting.cancel(false);
    }

    /** Creates this bean, and so publishes the figure, when the application starts. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the container created this bean to deliver the event: start has run
    }

    /** The last count ({@code NaN} before the first); asks for a new count at the next tick. */
    double read() {
        readSinceCount = true;
        long last = count;
        return last < 0 ? Double.NaN : last;
    }

    private void recountIfRead() {
        if (!readSinceCount) {
            return;
        }
        readSinceCount = false;
        try {
            count = liveSessions.now();
        } catch (RuntimeException e) {
            readSinceCount = true;
            LOG.log(Level.WARNING, "Could not count the active sessions; will try again", e);
        }
    }
}
