package dev.duet.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Events2FolderTest {
    private static final String P = "2026-11-22T01:38:51.798690+00:00 ";

    @Test
    void foldsALiveStreamLineByLine() {
        var f = new Events2Folder();
        f.accept(P + "exists -");
        assertThat(f.initialStateComplete()).isTrue();
        assertThat(f.current().devices()).isEmpty();
        f.accept(P + "create resource name:r0 role:Secondary suspended:no");
        assertThat(f.current().devices()).as("a resource without a volume is no device yet").isEmpty();
        f.accept(P + "create device name:r0 volume:0 minor:0 disk:Inconsistent");
        f.accept(P + "create connection name:r0 peer-node-id:0 conn-name:peer connection:Connecting role:Unknown");
        f.accept(P + "create peer-device name:r0 peer-node-id:0 conn-name:peer volume:0 replication:Off peer-disk:DUnknown");
        f.accept(P + "change connection name:r0 peer-node-id:0 conn-name:peer connection:Connected role:Secondary");
        f.accept(P + "change peer-device name:r0 peer-node-id:0 conn-name:peer volume:0 replication:SyncTarget "
                + "peer-disk:UpToDate done:12.50 eta:40");
        Peer p = f.current().device("r0").orElseThrow().peer().orElseThrow();
        assertThat(p).isEqualTo(new Peer("peer", "Connected", "SyncTarget", "Secondary", "UpToDate", 12.5, null, 40L));
        f.accept(P + "change peer-device name:r0 peer-node-id:0 conn-name:peer volume:0 replication:Established");
        f.accept(P + "change device name:r0 volume:0 minor:0 disk:UpToDate");
        DrbdStatus s = f.current();
        assertThat(s.devices().get(0).disk()).isEqualTo("UpToDate");
        assertThat(s.devices().get(0).peer().orElseThrow().syncPercent()).as("done: is stale after sync").isNull();
        f.accept(P + "destroy peer-device name:r0 peer-node-id:0 conn-name:peer volume:0");
        f.accept(P + "destroy connection name:r0 peer-node-id:0 conn-name:peer");
        assertThat(f.current().devices().get(0).peers()).isEmpty();
        assertThat(f.current().skipped()).isEmpty();
    }

    @Test
    void diffValuesTakeTheNewSide() {
        var f = new Events2Folder();
        f.accept("exists device name:r0 volume:0 minor:0 disk:Inconsistent");
        f.accept("change device name:r0 volume:0 minor:0 disk:Inconsistent->UpToDate");
        assertThat(f.current().devices().get(0).disk()).isEqualTo("UpToDate");
    }

    @Test
    void linesThatAreNotEventsAreListedAsSkipped() {
        var f = new Events2Folder();
        f.accept("exists resource name:r0 role:Primary");
        f.accept("garbage here");
        f.accept("change frobnicator name:r0");
        assertThat(f.current().skipped()).containsExactly("line 2: garbage here", "line 3: change frobnicator name:r0");
        assertThat(f.understoodLines()).isEqualTo(1);
    }

    @Test
    void theLabStreamPassesThroughTheSyncAndBack() {
        var f = new Events2Folder();
        var replications = new ArrayList<String>();
        for (String line : Fixtures.all().stream().filter(x -> x.name().equals("lab_stream_timestamps__node2"))
                .findFirst().orElseThrow().text().split("\n")) {
            f.accept(line);
            f.current().device("r0").flatMap(d -> d.peer()).map(Peer::replication)
                    .filter(r -> replications.isEmpty() || !replications.get(replications.size() - 1).equals(r))
                    .ifPresent(replications::add);
        }
        assertThat(replications).containsSubsequence(List.of("Established", "WFBitMapT", "WFSyncUUID", "SyncTarget",
                "Established", "Off", "WFBitMapT", "SyncTarget", "Established"));
    }
}
