package org.gatehouse.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Counts, for {@link ActiveSessions}, the devices holding an access token unexpired now, in a
 * transaction of its own: the count runs on the container's scheduler, where no request's
 * transaction or persistence context exists (EclipseLink refuses a query there without one).
 */
@ApplicationScoped
public class LiveSessionCount {

    @Inject
    AccessTokenRepository tokens;

    @Inject
    Clock clock;

    /** Devices holding at least one access token that has not expired. */
    @Transactional
    public long now() {
        return tokens.countLiveSessions(clock.millis());
    }
}
