package org.gatehouse.token;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.EmptyResponse;

/** Test-only: {@code POST /_test/clock?advance_ms=N} moves {@link OffsetClock} forward by N ms; answers {@code {}}. */
@Path("/_test/clock")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

    @POST
    public EmptyResponse advance(@QueryParam("advance_ms") long advanceMs) {
        OffsetClock.OFFSET_MS.addAndGet(advanceMs);
        return EmptyResponse.INSTANCE;
    }
}
