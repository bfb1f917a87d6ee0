package org.gatehouse.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.gatehouse.device.LastSeenTracker.Sighting;
import org.junit.jupiter.api.Test;

class LastSeenTrackerTest {

    private final LastSeenTracker tracker = new LastSeenTracker();

    @Test
    void aDeviceNeverSeenHasNoSighting() {
        assertEquals(Optional.empty(), tracker.pending(1));
    }

    @Test
    void recordingKeepsTheLatestSighting() {
        tracker.record(1, 100, "10.0.0.1");
        tracker.record(1, 200, "10.0.0.2");

        assertEquals(Optional.of(new Sighting(200, "10.0.0.2")), tracker.pending(1));
    }

    @Test
    void anOlderSightingRecordedLaterDoesNotMoveTimeBack() {
        tracker.record(1, 200, "10.0.0.2");
        tracker.record(1, 100, "10.0.0.1");

        assertEquals(Optional.of(new Sighting(200, "10.0.0.2")), tracker.pending(1));
    }

    @Test
    void aSightingWithoutAddressKeepsTheKnownAddress() {
        tracker.record(1, 100, "10.0.0.1");
        tracker.record(1, 200, null);

        assertEquals(Optional.of(new Sighting(200, "10.0.0.1")), tracker.pending(1));
    }

    @Test
    void devicesAreTrackedSeparately() {
        tracker.record(1, 100, "10.0.0.1");
        tracker.record(2, 150, "10.0.0.2");

        assertEquals(Optional.of(new Sighting(100, "10.0.0.1")), tracker.pending(1));
        assertEquals(Optional.of(new Sighting(150, "10.0.0.2")), tracker.pending(2));
        assertEquals(2, tracker.size());
    }

    @Test
    void drainHandsOverEverySightingOnce() {
        tracker.record(1, 100, "10.0.0.1");
        tracker.record(2, 150, "10.0.0.2");

        assertEquals(Map.of(1L, new Sighting(100, "10.0.0.1"), 2L, new Sighting(150, "10.0.0.2")), tracker.drain());
        assertTrue(tracker.drain().isEmpty());
        assertEquals(0, tracker.size());
    }

    @Test
    void aSightingAfterADrainWaitsForTheNextDrain() {
        tracker.record(1, 100, "10.0.0.1");
        tracker.drain();

        tracker.record(1, 300, "10.0.0.3");

        assertEquals(Map.of(1L, new Sighting(300, "10.0.0.3")), tracker.drain());
    }

    @Test
    void restoreKeepsASightingRecordedAfterTheDrain() {
        tracker.record(1, 100, "10.0.0.1");
        Map<Long, Sighting> failed = tracker.drain();
        tracker.record(1, 300, "10.0.0.3");

        tracker.restore(failed);

        assertEquals(Optional.of(new Sighting(300, "10.0.0.3")), tracker.pending(1));
    }

    @Test
    void restorePutsBackSightingsThatCouldNotBeWritten() {
        tracker.record(1, 100, "10.0.0.1");
        Map<Long, Sighting> failed = tracker.drain();

        tracker.restore(failed);

        assertEquals(Map.of(1L, new Sighting(100, "10.0.0.1")), tracker.drain());
    }

    @Test
    void latestPrefersTheLaterSighting() {
        Sighting earlier = new Sighting(100, "10.0.0.1");
        Sighting later = new Sighting(200, "10.0.0.2");

        assertEquals(later, earlier.latest(later));
        assertEquals(later, later.latest(earlier));
    }

    @Test
    void latestTakesTheEarlierAddressWhenTheLaterHasNone() {
        assertEquals(new Sighting(200, "10.0.0.1"), new Sighting(100, "10.0.0.1").latest(new Sighting(200, null)));
        assertEquals(new Sighting(200, "10.0.0.1"), new Sighting(200, null).latest(new Sighting(100, "10.0.0.1")));
    }

    @Test
    void concurrentRecordingLosesNoDevice() throws InterruptedException {
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int offset = t * 1000;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    tracker.record(offset + i, i, "10.0.0.1");
                }
            });
            threads[t].start();
        }
        int drained = 0;
        for (Thread thread : threads) {
            drained += tracker.drain().size();
            thread.join();
        }
        drained += tracker.drain().size();

        assertEquals(8000, drained);
    }

    @Test
    void aSightingWithoutUserAgentKeepsTheKnownUserAgent() {
        tracker.record(1, 100, "10.0.0.1", "curl/8.0");
        tracker.record(1, 200, "10.0.0.2", null);

        assertEquals(Optional.of(new Sighting(200, "10.0.0.2", "curl/8.0")), tracker.pending(1));
    }

    @Test
    void theLaterUserAgentWins() {
        tracker.record(1, 200, "10.0.0.2", "Element/1.11");
        tracker.record(1, 100, "10.0.0.1", "curl/8.0");

        assertEquals(Optional.of(new Sighting(200, "10.0.0.2", "Element/1.11")), tracker.pending(1));
    }
}
