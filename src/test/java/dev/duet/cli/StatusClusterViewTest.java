package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.cluster.status.ClusterFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code duet status -i} on a pair under Pacemaker: the cluster's view beside DRBD's, in the table and the JSON. */
class StatusClusterViewTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    private void underPacemaker(String crmMon) {
        pair.both().forEach(h -> {
            StatusLiveOverSshTest.labNode(h, "dual_primary", true);
            h.on("crm_mon --one-shot --inactive --output-as=xml", 0, ClusterFixtures.read(crmMon));
        });
    }

    @Test
    void theTableShowsMembersEachClonesRolePerNodeAndTheStonithResource() {
        underPacemaker("crm_mon__promoted_both__provisional.xml");

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("CLUSTER (as node1, node2 see it): members node1 online, node2 online; DC node1,"
                        + " quorate; stonith-enabled=true")
                .containsPattern("(?m)^drbd-clone \\(promotable\\)\\s+ocf:linbit:drbd\\s+Promoted\\s+Promoted\\s*$")
                .containsPattern("(?m)^dlm-clone\\s+ocf:pacemaker:controld\\s+Started\\s+Started\\s*$")
                .containsPattern("(?m)^sbd-fence\\s+stonith:external/sbd\\s+Started\\s+Stopped\\s*$")
                .doesNotContain("FAILED ACTION");
        StatusLiveOverSshTest.onlyProbes(pair.node1);
        StatusLiveOverSshTest.onlyProbes(pair.node2);
    }

    @Test
    void aFailedActionAndAnOfflineNodeAreShown() {
        underPacemaker("crm_mon__node2_offline_failed__provisional.xml");

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString());

        assertThat(run.out()).contains("members node1 online, node2 offline",
                "FAILED ACTION: fs_monitor_20000 on node1: not running at 2026-11-30 18:11:02 +00:00")
                .containsPattern("(?m)^fs-clone FAILED\\s+ocf:heartbeat:Filesystem\\s+Started\\s+Stopped\\s*$");
    }

    @Test
    void jsonGainsAClusterKeyPerNodeAndKeepsTheContract() throws Exception {
        underPacemaker("crm_mon__node2_offline_failed__provisional.xml");

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString(), "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode n1 = new ObjectMapper().readTree(run.out()).at("/nodes/node1");
        assertThat(n1.fieldNames()).toIterable()
                .containsExactly("format", "version", "devices", "source", "mounts", "cluster");
        JsonNode c = n1.get("cluster");
        assertThat(c.fieldNames()).toIterable().containsExactly("running", "problem", "dc", "quorate",
                "stonithEnabled", "members", "resources", "failures");
        assertThat(c.at("/members/1/state").asText()).isEqualTo("offline");
        assertThat(c.at("/resources/1/id").asText()).isEqualTo("drbd-clone");
        assertThat(c.at("/resources/1/promotable").asBoolean()).isTrue();
        assertThat(c.at("/resources/1/roles/node1").asText()).isEqualTo("Promoted");
        assertThat(c.at("/resources/1/roles").has("node2")).isFalse();
        assertThat(c.at("/resources/0/stonith").asBoolean()).isTrue();
        assertThat(c.at("/failures/0/resource").asText()).isEqualTo("fs");
        assertThat(c.at("/failures/0/exitCode").asInt()).isEqualTo(7);
    }

    @Test
    void withoutPacemakerTheClusterKeyIsNullAndNoClusterBlockIsDrawn() throws Exception {
        // No rule for crm_mon: the fake host answers 127, as a node without Pacemaker does.
        pair.both().forEach(h -> StatusLiveOverSshTest.labNode(h, "dual_primary", true));

        CliRun table = CliRun.of("status", "-i", pair.inventory(dir).toString());
        CliRun json = CliRun.of("status", "-i", pair.inventory(dir).toString(), "--json");

        assertThat(table.out()).doesNotContain("CLUSTER");
        assertThat(new ObjectMapper().readTree(json.out()).at("/nodes/node2/cluster").isNull()).isTrue();
    }

    @Test
    void aStoppedClusterSaysSoInCrmMonsWords() {
        underPacemaker("crm_mon__not_running__provisional.xml");

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString());

        assertThat(run.exit()).as("DRBD answered: status itself succeeded").isZero();
        assertThat(run.out()).contains("CLUSTER (as node1, node2 see it): not running (Not connected: crm_mon: Error:"
                + " cluster is not available on this node)");
    }
}
