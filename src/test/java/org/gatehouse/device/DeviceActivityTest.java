package org.gatehouse.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.device.LastSeenTracker.Sighting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceActivityTest {

    /** Records the batches it is asked to write; fails while {@link #failing}. */
    static final class RecordingWriter extends LastSeenWriter {
        final List<Map<Long, Sighting>> batches = new ArrayList<>();
        boolean failing;

        @Override
        public void write(Map<Long, Sighting> sightings) {
            if (failing) {
                throw new IllegalStateException("database unavailable");
            }
            batches.add(Map.copyOf(sightings));
        }
    }

    private final RecordingWriter writer = new RecordingWriter();
    private DeviceActivity activity;

    @BeforeEach
    void activity() {
        activity = at(1_000);
    }

    private DeviceActivity at(long millis) {
        DeviceActivity created = activity == null ? new DeviceActivity() : activity;
        created.clock = Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        created.writer = writer;
        return created;
    }

    @Test
    void aSightingUsesTheClock() {
        activity.seen(7, "10.0.0.1");

        assertEquals(Optional.of(new Sighting(1_000, "10.0.0.1")), activity.lastSeen(7, null, null));
    }

    @Test
    void aDeviceNeitherStoredNorSeenHasNoLastSeen() {
        assertEquals(Optional.empty(), activity.lastSeen(7, null, null));
    }

    @Test
    void theStoredSightingIsUsedWhenNothingIsPending() {
        assertEquals(Optional.of(new Sighting(500, "10.0.0.9")), activity.lastSeen(7, 500L, "10.0.0.9"));
    }

    @Test
    void aPendingSightingNewerThanTheStoredOneWins() {
        activity.seen(7, "10.0.0.1");

        assertEquals(Optional.of(new Sighting(1_000, "10.0.0.1")), activity.lastSeen(7, 500L, "10.0.0.9"));
    }

    @Test
    void aStoredSightingNewerThanThePendingOneWins() {
        activity.seen(7, "10.0.0.1");

        assertEquals(Optional.of(new Sighting(2_000, "10.0.0.9")), activity.lastSeen(7, 2_000L, "10.0.0.9"));
    }

    @Test
    void flushWritesEveryPendingSightingInOneBatch() {
        activity.seen(7, "10.0.0.1");
        activity.seen(8, "10.0.0.2");

        activity.flush();

        assertEquals(List.of(Map.of(7L, new Sighting(1_000, "10.0.0.1"), 8L, new Sighting(1_000, "10.0.0.2"))),
                writer.batches);
    }

    @Test
    void flushWithNothingPendingWritesNothing() {
        activity.flush();

        assertEquals(List.of(), writer.batches);
    }

    @Test
    void aFlushedSightingIsNotWrittenAgain() {
        activity.seen(7, "10.0.0.1");
        activity.flush();

        activity.flush();

        assertEquals(1, writer.batches.size());
    }

    @Test
    void sightingsOfAFailedFlushAreWrittenByTheNextOne() {
        activity.seen(7, "10.0.0.1");
        writer.failing = true;
        activity.flush();

        writer.failing = false;
        activity.flush();

        assertEquals(List.of(Map.of(7L, new Sighting(1_000, "10.0.0.1"))), writer.batches);
    }

    @Test
    void aSightingAfterAFailedFlushIsMergedWithTheRestoredOne() {
        activity.seen(7, "10.0.0.1");
        writer.failing = true;
        activity.flush();
        at(3_000).seen(7, "10.0.0.3");

        writer.failing = false;
        activity.flush();

        assertEquals(List.of(Map.of(7L, new Sighting(3_000, "10.0.0.3"))), writer.batches);
    }

    @Test
    void theUserAgentIsWrittenAndALongOneIsCut() {
        activity.seen(7, "10.0.0.1", "x".repeat(600));
        activity.flush();

        assertEquals(List.of(Map.of(7L, new Sighting(1_000, "10.0.0.1", "x".repeat(512)))), writer.batches);
    }
}
