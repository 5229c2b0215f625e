package dev.duet.drbd.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.Captures;
import dev.duet.testing.ScriptedNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DrbdWaiterTest {
    private static final String STATUS = "drbdsetup status r0 --verbose --statistics";

    private static WaitOptions quick(Duration timeout, Duration stall) {
        return new WaitOptions(timeout, stall, Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @Test
    void returnsOnceTheConditionHolds() {
        var reads = new AtomicInteger();
        var node = new ScriptedNode("node1").on(STATUS, c -> ScriptedNode.result(c, 0, Captures.output(
                reads.incrementAndGet() < 3 ? "drbdsetup_status_verbose__after_up__node1"
                        : "drbdsetup_status_verbose__after_sync_primary_secondary__node1"), ""));
        var d = new DrbdWaiter(StatusCommandSource.of(node), quick(Duration.ofSeconds(5), null))
                .await("r0", StateCondition.upToDateBoth());
        assertThat(d.disk()).isEqualTo("UpToDate");
        assertThat(reads.get()).isEqualTo(3);
    }

    @Test
    void timeoutMessageNamesNodeConditionAndLastState() {
        var node = new ScriptedNode("node1").on(STATUS, 0,
                Captures.output("drbdsetup_status_verbose__disconnected_peer_wfconnection__node1"));
        assertThatThrownBy(() -> new DrbdWaiter(StatusCommandSource.of(node), quick(Duration.ofMillis(200), null))
                .await("r0", StateCondition.connected()))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("node1").hasMessageContaining("timed out")
                .hasMessageContaining("connection=Connected")
                .hasMessageContaining("last state seen: role=Primary disk=UpToDate connection=Connecting")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void stallIsDetectedWhenOutOfSyncStopsDecreasing() {
        var node = new ScriptedNode("node2").on(STATUS, 0,
                Captures.output("drbdsetup_status_verbose__reconnect_resync__node2").replace("disk:UpToDate", "disk:Inconsistent")
                        .replace("out-of-sync:0", "out-of-sync:18304").replace("replication:Established", "replication:SyncTarget"));
        assertThatThrownBy(() -> new DrbdWaiter(StatusCommandSource.of(node),
                quick(Duration.ofSeconds(30), Duration.ofMillis(150))).await("r0", StateCondition.upToDateBoth()))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("stalled").hasMessageContaining("18304 KiB").hasMessageContaining("node2");
    }

    @Test
    void decreasingOutOfSyncIsProgressNotAStall() {
        var oos = new AtomicInteger(20000);
        var node = new ScriptedNode("node2").on(STATUS, c -> {
            int left = oos.addAndGet(-1000);
            String text = Captures.output("drbdsetup_status_verbose__after_up__node2");
            text = left <= 0 ? Captures.output("drbdsetup_status_verbose__after_sync_primary_secondary__node2")
                    : text.replace("out-of-sync:262100", "out-of-sync:" + left);
            return ScriptedNode.result(c, 0, text, "");
        });
        var progress = new SyncProgress("r0");
        var seen = new java.util.ArrayList<Double>();
        new DrbdWaiter(StatusCommandSource.of(node), new WaitOptions(Duration.ofSeconds(30), Duration.ofMillis(100),
                Duration.ofMillis(20), Duration.ofMillis(50)))
                .await("r0", StateCondition.upToDateBoth(), d -> progress.update(d, System.nanoTime())
                        .ifPresent(p -> seen.add(p.percent())));
        assertThat(seen).isSorted().hasSizeGreaterThan(5);
    }

    @Test
    void standAloneWithSplitBrainInTheKernelLogFailsFast() {
        var node = new ScriptedNode("node2")
                .on(STATUS, 0, Captures.output("drbdsetup_status_verbose__disconnected_standalone__node2"))
                .on("drbdadm cstate r0", 0, "StandAlone\n")
                .on("cat /proc/drbd", 0, Captures.output("proc_drbd__disconnected_standalone__node2"))
                .on("sh -c", 0, "block drbd0: Split-Brain detected but unresolved, dropping connection!\n");
        assertThatThrownBy(() -> new DrbdWaiter(StatusCommandSource.of(node), quick(Duration.ofSeconds(30), null))
                .await("r0", StateCondition.connected()))
                .isInstanceOf(DuetException.class).hasMessageContaining("split brain")
                .hasMessageContaining("Split-Brain detected")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.SPLIT_BRAIN);
    }

    @Test
    void splitBrainFromBothNodesStates() {
        var standAlone = new ScriptedNode("n").on(STATUS, 0,
                Captures.output("drbdsetup_status_verbose__disconnected_standalone__node2"))
                .on("drbdadm cstate r0", 0, "StandAlone\n")
                .on("cat /proc/drbd", 0, Captures.output("proc_drbd__disconnected_standalone__node2"));
        var d = StatusCommandSource.of(standAlone).read("r0");
        assertThat(d).get().extracting(dev.duet.drbd.Device::outOfSyncKiB).as("8.4 StandAlone: oos from /proc/drbd")
                .isEqualTo(0L);
        var verdict = SplitBrain.detect("r0", java.util.Map.of("node1", d, "node2", d), java.util.Map.of());
        assertThat(verdict).get().asString().contains("node1 [", "node2 [", "StandAlone", "--discard");
        var connected = StatusCommandSource.of(new ScriptedNode("m").on(STATUS, 0,
                Captures.output("drbdsetup_status_verbose__dual_primary__node1"))).read("r0");
        assertThat(SplitBrain.detect("r0", java.util.Map.of("node1", connected, "node2", d), java.util.Map.of())).isEmpty();
    }
}
