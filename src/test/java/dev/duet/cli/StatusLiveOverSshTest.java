package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.testing.Captures;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code duet status -i} against two embedded SSH hosts answering with the lab's DRBD 8.4.11 captures. */
class StatusLiveOverSshTest {
    /** Every probe LiveStatus, the mount listing and the cluster view may send; status must send nothing else. */
    static final List<String> PROBES = List.of("cat /proc/drbd", "drbdadm --version", "drbdsetup events2 --now",
            "drbdsetup status --json", "drbdadm status", "cat /proc/self/mounts",
            "crm_mon --output-as=xml");

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    /** A lab node (kernel 8.4.11, utils 9.22.0) in {@code state}, with OCFS2 mounted when asked. */
    static void labNode(FakeSshHost h, String state, boolean mounted) {
        h.on("cat /proc/drbd", 0, Captures.output("proc_drbd__" + state + "__" + h.name()));
        h.on("drbdadm --version", 0, Captures.output("drbdadm_version__node1"));
        h.on("drbdsetup events2 --now", 0, Captures.output("drbdsetup_events2_now__" + state + "__" + h.name()));
        h.on("cat /proc/self/mounts", 0, Captures.output("proc_self_mounts__" + (mounted ? "ocfs2_mounted" : "unmounted") + "__node1"));
    }

    static void onlyProbes(FakeSshHost h) {
        assertThat(h.commands()).as(h.name()).isNotEmpty()
                .allSatisfy(c -> assertThat(PROBES).anySatisfy(p -> assertThat(c).isEqualTo(p)));
    }

    @Test
    void dualPrimaryPairShowsBothNodesSideBySideThroughEvents2() {
        pair.both().forEach(h -> labNode(h, "dual_primary", true));

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("RESOURCE", "NODE1 ROLE/DISK", "NODE2 ROLE/DISK")
                .containsPattern("(?m)^r0\\s+Primary/UpToDate\\s+Primary/UpToDate\\s+node1: Connected/Established, "
                        + "node2: Connected/Established\\s+-\\s+-\\s+node1:/srv/shared node2:/srv/shared")
                .contains("node1: read via drbdsetup events2", "node2: read via drbdsetup events2");
        onlyProbes(pair.node1);
        onlyProbes(pair.node2);
        for (FakeSshHost h : pair.both()) {
            assertThat(h.execs()).as("%s: versions, mounts and events2 in one round trip", h.name()).hasSize(1);
            assertThat(h.commands()).as("%s: a whole events2 dump from an 8.4.11 kernel needs no utils version", h.name())
                    .containsExactly("cat /proc/drbd", "cat /proc/self/mounts", "drbdsetup events2 --now",
                            "crm_mon --output-as=xml");
        }
    }

    @Test
    void jsonHasTheContractObjectPerNodeWithSourceAndMounts() throws Exception {
        labNode(pair.node1, "dual_primary", true);
        labNode(pair.node2, "dual_primary", false);

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString(), "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("nodes").fieldNames()).toIterable().containsExactly("node1", "node2");
        JsonNode n1 = json.at("/nodes/node1");
        assertThat(n1.get("format").asText()).isEqualTo("events2");
        assertThat(n1.get("source").asText()).isEqualTo("events2");
        assertThat(n1.at("/devices/0/resource").asText()).isEqualTo("r0");
        assertThat(n1.at("/devices/0/minor").asInt()).isZero();
        assertThat(n1.at("/devices/0/role").asText()).isEqualTo("Primary");
        assertThat(n1.at("/devices/0/peers/0/connection").asText()).isEqualTo("Connected");
        assertThat(n1.at("/devices/0/peers/0/role").asText()).isEqualTo("Primary");
        assertThat(n1.get("mounts")).extracting(JsonNode::asText).containsExactly("/dev/drbd0 /srv/shared");
        assertThat(json.at("/nodes/node2/mounts")).isEmpty();
    }

    @Test
    void oldToolsFallBackToProcDrbdAndShowSyncProgressAndEta() {
        labNode(pair.node1, "reconnect_resync", false);
        FakeSshHost n2 = pair.node2;
        n2.on("cat /proc/drbd", 0, Captures.output("proc_drbd__reconnect_resync__node2"));
        n2.on("drbdadm --version", 0, "DRBDADM_VERSION=8.9.2\n");
        n2.on("drbdadm status", 1, "", "drbdadm: Unknown command 'status'\n");
        n2.on("cat /proc/self/mounts", 0, Captures.output("proc_self_mounts__unmounted__node1"));

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Secondary/Inconsistent", "node2: Connected/SyncTarget",
                "33.4% (node2 SyncTarget)", "0:00:15", "node2: read via /proc/drbd");
        // events2 is asked along with the versions, before they are known; on these tools its answer is not used
        assertThat(n2.commands()).filteredOn("drbdsetup events2 --now"::equals).hasSizeLessThanOrEqualTo(1);
        assertThat(n2.execs()).as("the first batch, then the utils' version with the older interfaces").hasSize(2);
        onlyProbes(n2);
    }

    @Test
    void unreachableNodeIsShownAsSuchAndExitsThree() throws Exception {
        labNode(pair.node1, "dual_primary", true);
        Path inv = pair.inventory(dir);
        pair.node2.stop();

        CliRun table = CliRun.of("status", "-i", inv.toString());

        assertThat(table.exit()).as(table.toString()).isEqualTo(3);
        assertThat(table.out()).containsPattern("(?m)^r0\\s+Primary/UpToDate\\s+unreachable\\s")
                .contains("node2: UNREACHABLE: node2: cannot connect to 127.0.0.1:" + pair.node2.port());

        CliRun json = CliRun.of("status", "-i", inv.toString(), "--json");

        assertThat(json.exit()).isEqualTo(3);
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.at("/nodes/node2/unreachable").asBoolean()).isTrue();
        assertThat(tree.at("/nodes/node2/error").asText()).startsWith("node2: cannot connect");
        assertThat(tree.at("/nodes/node1/source").asText()).isEqualTo("events2");
    }

    @Test
    void nodeWithoutDrbdExitsTwoNamingTheNode() {
        labNode(pair.node1, "dual_primary", false);
        pair.node2.on("cat /proc/drbd", 1, "", "cat: /proc/drbd: No such file or directory\n");
        pair.node2.on("drbdadm", 127, "", "sh: drbdadm: not found\n");

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("node2: ERROR: node2: no DRBD status interface answered");
    }

    @Test
    void watchPollsNodesWhoseStreamDoesNotStartAndRedrawsOnlyWhenTheStateChanges() {
        labNode(pair.node1, "dual_primary", true);
        labNode(pair.node2, "dual_primary", true);
        AtomicInteger asked = new AtomicInteger();
        pair.node2.on("drbdsetup events2 --now", r -> FakeReply.ok(Captures.output(asked.incrementAndGet() == 1
                ? "drbdsetup_events2_now__dual_primary__node2" : "drbdsetup_events2_now__reconnect_resync__node2")));

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString(), "--watch", "--interval", "1",
                "--count", "3");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(asked).hasValue(3);
        assertThat(run.out().lines().filter(l -> l.startsWith("--- "))).as(run.toString()).hasSize(2);
        assertThat(run.err().lines()).as("no events2 stream here (no rule): polled, said once per node")
                .containsExactlyInAnyOrder("duet status: node1: cannot follow `drbdsetup events2 --statistics` (no "
                        + "initial state: ended with exit code 127); polling every 1s instead",
                        "duet status: node2: cannot follow `drbdsetup events2 --statistics` (no "
                        + "initial state: ended with exit code 127); polling every 1s instead");
        assertThat(run.out()).containsPattern("(?m)^r0\\s+Primary/UpToDate\\s+Primary/UpToDate")
                .containsPattern("(?m)^r0\\s+Primary/UpToDate\\s+Secondary/UpToDate");
    }

    @Test
    void unreadableInventoryIsBadInput() {
        CliRun run = CliRun.of("status", "-i", dir.resolve("missing.yml").toString());

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("missing.yml");
    }
}
