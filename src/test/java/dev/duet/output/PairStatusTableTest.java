package dev.duet.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import dev.duet.drbd.parse.StatusParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairStatusTableTest {
    @Test
    void showsBothViewsSyncEtaAndMounts() {
        var byNode = new LinkedHashMap<String, DrbdStatus>();
        byNode.put("node1", StatusParser.parse(" 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n"
                + "\t[=====>..............] sync'ed: 33.4% (18304/20536)K\n\tfinish: 0:01:15 speed: 1,116 (1,116) K/sec\n"));
        byNode.put("node2", StatusParser.parse(" 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n"));
        String out = PairStatusTable.render(byNode, Map.of("node1", List.of("/dev/drbd0 /mnt/ocfs2 ocfs2 rw 0 0")));
        assertThat(out.lines().toList()).hasSize(2);
        assertThat(out.lines().findFirst().orElseThrow())
                .startsWith("RESOURCE").contains("NODE1 ROLE/DISK", "NODE2 ROLE/DISK", "SYNC", "ETA", "MOUNTS");
        assertThat(out.lines().skip(1).findFirst().orElseThrow())
                .startsWith("minor 0")
                .contains("Primary/UpToDate", "Secondary/Inconsistent",
                        "node1: Connected/SyncSource, node2: Connected/SyncTarget",
                        "33.4% (node1 SyncSource)", "0:01:15", "node1:/mnt/ocfs2");
    }

    @Test
    void aResourceMissingOnOneNodeIsShownAbsent() {
        var byNode = new LinkedHashMap<String, DrbdStatus>();
        byNode.put("a", StatusParser.parse("r0 role:Primary\n  disk:UpToDate\n"));
        byNode.put("b", new DrbdStatus("drbdadm_status", null, List.of(), List.of()));
        assertThat(PairStatusTable.render(byNode, Map.of())).contains("Primary/UpToDate  absent");
    }

    @Test
    void aNodeWithoutStatusShowsWhyInItsColumn() {
        var byNode = new LinkedHashMap<String, DrbdStatus>();
        byNode.put("a", StatusParser.parse("r0 role:Primary\n  disk:UpToDate\n"));
        byNode.put("b", null);
        assertThat(PairStatusTable.render(byNode, Map.of(), Map.of("b", "unreachable")))
                .contains("Primary/UpToDate  unreachable").doesNotContain("absent");
    }

    @Test
    void noAnswerFromAnyNodeIsNotCalledAnEmptyConfiguration() {
        var byNode = new LinkedHashMap<String, DrbdStatus>();
        byNode.put("a", null);
        byNode.put("b", null);
        assertThat(PairStatusTable.render(byNode, Map.of(), Map.of("a", "unreachable", "b", "unreachable")))
                .isEqualTo("no DRBD status from a or b\n");
    }

    @Test
    void aResyncWithoutPercentShowsTheShareInSyncFromOutOfSyncAndSize() {
        var peer = new Peer("peer", "Connected", "SyncTarget", "Primary", "UpToDate", null, "SyncTarget");
        var syncing = new Device("r0", 0, 0, "Secondary", "Inconsistent", List.of(peer), 131050L, 262100L);
        var done = new Device("r0", 0, 0, "Secondary", "UpToDate", List.of(new Peer("peer", "Connected",
                "Established", "Primary", "UpToDate", null, "Connected")), 0L, 262100L);
        var byNode = new java.util.LinkedHashMap<String, DrbdStatus>();
        byNode.put("node2", new DrbdStatus("events2", null, List.of(syncing), List.of()));

        assertThat(PairStatusTable.render(byNode, Map.of())).contains("50.0% (node2 SyncTarget)");
        byNode.put("node2", new DrbdStatus("events2", null, List.of(done), List.of()));
        assertThat(PairStatusTable.render(byNode, Map.of())).doesNotContain("%");
    }
}
