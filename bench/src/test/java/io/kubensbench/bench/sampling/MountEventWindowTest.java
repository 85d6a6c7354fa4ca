package io.kubensbench.bench.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A run's mount events from a node's cumulative counts: exact on a known sequence, whichever
 * lines the window's samples fall on, and never across a restarted counter.
 */
class MountEventWindowTest {

    private static final String PROBE = "boot-a/100/5000";

    /** The count a line carries: made on line {@code seq} at {@code seconds} of node uptime. */
    private static MountTableCount count(String counter, long seq, long seconds, long mounts, long events) {
        return new MountTableCount(counter, seq, seconds * 1_000_000_000L, mounts, events);
    }

    @Test
    void eventsRunFromTheCountAtTheWindowsStartToTheCountAtItsEnd() {
        // Counts on lines 1, 4 and 9 (every few lines, as the budget allows); the window holds lines 3 to 10.
        MountTableCount c1 = count(PROBE, 1, 100, 500, 0);
        MountTableCount c4 = count(PROBE, 4, 103, 515, 45);
        MountTableCount c9 = count(PROBE, 9, 108, 500, 105);
        MountEventWindow window = new MountEventWindow();
        for (MountTableCount carried : new MountTableCount[] {c1, c4, c4, c4, c4, c4, c9, c9}) {
            window.add(carried);
        }

        assertThat(window.count()).isEqualTo(new MountEventWindow.Count(105, 8_000_000_000L, 0));
        assertThat(window.count().perSecond()).isEqualTo(105 / 8.0);
    }

    @Test
    void windowsThatFollowEachOtherAddUpToTheWholeWithoutCountingAnEventTwice() {
        MountTableCount[] carried = {count(PROBE, 1, 100, 500, 0), count(PROBE, 2, 101, 515, 15),
            count(PROBE, 2, 101, 515, 15), count(PROBE, 4, 103, 500, 30), count(PROBE, 5, 104, 530, 60)};
        MountEventWindow whole = new MountEventWindow();
        MountEventWindow first = new MountEventWindow();
        MountEventWindow second = new MountEventWindow();
        for (int i = 0; i < carried.length; i++) {
            whole.add(carried[i]);
            if (i <= 2) {
                first.add(carried[i]);
            }
            if (i >= 2) {
                second.add(carried[i]);
            }
        }

        assertThat(first.count().events() + second.count().events()).isEqualTo(whole.count().events()).isEqualTo(60);
        assertThat(first.count().spanNs() + second.count().spanNs()).isEqualTo(whole.count().spanNs());
    }

    @Test
    void aRestartedCounterIsAGapAndTheRestStillCounts() {
        MountEventWindow window = new MountEventWindow();
        window.add(count(PROBE, 10, 100, 500, 200));
        window.add(count(PROBE, 12, 102, 515, 215));
        window.add(count("boot-a/300/9000", 1, 104, 515, 0));
        window.add(count("boot-a/300/9000", 3, 106, 500, 15));

        assertThat(window.count()).isEqualTo(new MountEventWindow.Count(30, 4_000_000_000L, 1));
    }

    @Test
    void aWindowWithNoNewCountHasNoRate() {
        MountEventWindow window = new MountEventWindow();
        window.add(count(PROBE, 4, 103, 515, 45));
        window.add(count(PROBE, 4, 103, 515, 45));

        assertThat(window.count()).isEqualTo(new MountEventWindow.Count(0, 0, 0));
        assertThat(window.count().perSecond()).isNaN();
    }

    @Test
    void aProbeThatCannotCountEventsGivesNoneRatherThanZero() {
        MountEventWindow window = new MountEventWindow();
        window.add(count(PROBE, 1, 100, 500, -1));
        window.add(count(PROBE, 2, 101, 515, -1));
        MountEventWindow empty = new MountEventWindow();
        empty.add((MountTableCount) null);

        assertThat(window.count().events()).isEqualTo(-1);
        assertThat(empty.count().events()).isEqualTo(-1);
    }
}
