package org.gatehouse.testing;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Test-only endpoint that moves {@link AdjustableClock}; never part of the built WAR. */
@Path("/_test/clock")
public class AdjustableClockResource {

    @POST
    @Path("/advance/{millis}")
    public Response advance(@PathParam("millis") long millis) {
        AdjustableClock.advance(millis);
        return Response.noContent().build();
    }
}
