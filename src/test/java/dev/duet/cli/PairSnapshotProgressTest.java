package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import dev.duet.drbd.probe.LiveStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code status --watch} redraws at once (state) and what at most once a second (progress). */
class PairSnapshotProgressTest {
    private static PairSnapshot node2(String role, String replication, Double percent) {
        Peer peer = new Peer("peer", "Connected", replication, "Primary", "UpToDate", percent, null, null);
        Device d = new Device("r0", 0, 0, role, "Inconsistent", List.of(peer), null, null);
        var status = new DrbdStatus("events2", null, List.of(d), List.of());
        return new PairSnapshot(List.of(NodeStatus.of(new LiveStatus.Result("node2", status,
                LiveStatus.Source.EVENTS2), List.of())));
    }

    @Test
    void onlyTheSyncPercentDifferingIsProgress() {
        assertThat(node2("Secondary", "SyncTarget", 42.5).sameBesidesProgress(node2("Secondary", "SyncTarget", 10.0)))
                .isTrue();
    }

    @Test
    void aDifferentStateIsNotProgressEvenWhenThePercentAlsoMoved() {
        assertThat(node2("Primary", "SyncTarget", 42.5).sameBesidesProgress(node2("Secondary", "SyncTarget", 10.0)))
                .isFalse();
        assertThat(node2("Secondary", "Established", null).sameBesidesProgress(node2("Secondary", "SyncTarget", 99.9)))
                .isFalse();
    }

    @Test
    void nothingShownYetIsNotProgress() {
        assertThat(node2("Secondary", "SyncTarget", 42.5).sameBesidesProgress(null)).isFalse();
    }
}
