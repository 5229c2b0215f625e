package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.cluster.status.ClusterFixtures;
import dev.duet.testing.FakeSshHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code duet status -i} on a pair under Pacemaker: the cluster's view beside DRBD's, in the table and the
 * JSON, from the lab's crm_mon captures (Pacemaker 2.1.5).
 */
class StatusClusterViewTest {
    private static final String CRM_MON = "crm_mon --output-as=xml";

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    private static void crmMon(FakeSshHost h, String capture) {
        h.on(CRM_MON, 0, capture.endsWith(".txt") ? ClusterFixtures.output(capture) : ClusterFixtures.read(capture));
    }

    private void healthy() {
        pair.both().forEach(h -> {
            StatusLiveOverSshTest.labNode(h, "dual_primary", true);
            crmMon(h, "crm_mon_xml__healthy__" + h.name() + ".txt");
        });
    }

    /** node1 fenced and back without Pacemaker yet; node2 the survivor, as the lab's first link cut left them. */
    private void afterTheFence() {
        pair.both().forEach(h -> StatusLiveOverSshTest.labNode(h, "dual_primary", false));
        crmMon(pair.node1, "crm_mon__not_running__provisional.xml");
        crmMon(pair.node2, "crm_mon_xml__node1_fenced_drbd_monitor_timeout__node2.txt");
    }

    @Test
    void theTableShowsMembersEachClonesRolePerNodeAndTheStonithResources() {
        healthy();

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("CLUSTER (as node1, node2 see it): members node1 online, node2 online; DC node2,"
                        + " quorate; stonith-enabled=true")
                .containsPattern("(?m)^CLUSTER RESOURCE\\s+AGENT\\s+NODE1\\s+NODE2\\s*$")
                .containsPattern("(?m)^ms-drbd \\(promotable\\)\\s+ocf:linbit:drbd\\s+Promoted\\s+Promoted\\s*$")
                .containsPattern("(?m)^dlm-clone\\s+ocf:pacemaker:controld\\s+Started\\s+Started\\s*$")
                .containsPattern("(?m)^fs-clone\\s+ocf:heartbeat:Filesystem\\s+Started\\s+Started\\s*$")
                .containsPattern("(?m)^st-node1\\s+stonith:external/sbd\\s+-\\s+Started\\s*$")
                .containsPattern("(?m)^st-node2\\s+stonith:external/sbd\\s+Started\\s+-\\s*$")
                .doesNotContain("FAILED ACTION", "no fencing resource");
        StatusLiveOverSshTest.onlyProbes(pair.node1);
        StatusLiveOverSshTest.onlyProbes(pair.node2);
    }

    @Test
    void afterAFenceEachSideShowsItsViewWithTheFailedAction() {
        afterTheFence();

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString());

        assertThat(run.exit()).as("DRBD answered on both: status itself succeeded").isZero();
        assertThat(run.out()).contains("CLUSTER (as node1 sees it): not running (Not connected: crm_mon: Error:"
                        + " cluster is not available on this node)",
                "CLUSTER (as node2 sees it): members node1 offline, node2 online; DC node2, quorate",
                "FAILED ACTION: p-drbd_monitor_20000 on node2: error (Resource agent did not complete within 20s)"
                        + " at 2026-11-30 19:08:42Z")
                .containsPattern("(?m)^ms-drbd \\(promotable\\)\\s+ocf:linbit:drbd\\s+Stopped\\s+Unpromoted\\s*$")
                .containsPattern("(?m)^st-node2\\s+stonith:external/sbd\\s+Stopped\\s+Stopped\\s*$");
    }

    @Test
    void jsonGainsAClusterKeyPerNodeAndKeepsTheContract() throws Exception {
        afterTheFence();

        CliRun run = CliRun.of("status", "-i", pair.inventory(dir).toString(), "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode nodes = new ObjectMapper().readTree(run.out()).get("nodes");
        JsonNode n2 = nodes.get("node2");
        assertThat(n2.fieldNames()).toIterable()
                .containsExactly("format", "version", "devices", "source", "mounts", "cluster");
        JsonNode c = n2.get("cluster");
        assertThat(c.fieldNames()).toIterable().containsExactly("running", "problem", "dc", "quorate",
                "stonithEnabled", "members", "resources", "failures");
        assertThat(c.at("/members/0/state").asText()).isEqualTo("offline");
        assertThat(c.at("/resources/2/id").asText()).isEqualTo("ms-drbd");
        assertThat(c.at("/resources/2/promotable").asBoolean()).isTrue();
        assertThat(c.at("/resources/2/roles/node2").asText()).isEqualTo("Unpromoted");
        assertThat(c.at("/resources/2/roles").has("node1")).isFalse();
        assertThat(c.at("/resources/2/stoppedInstances").asInt()).isEqualTo(1);
        assertThat(c.at("/resources/0/stonith").asBoolean()).isTrue();
        assertThat(c.at("/failures/0/resource").asText()).isEqualTo("p-drbd");
        assertThat(c.at("/failures/0/exitCode").asInt()).isEqualTo(1);
        assertThat(nodes.at("/node1/cluster/running").asBoolean()).isFalse();
        assertThat(nodes.at("/node1/cluster/members")).isEmpty();
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
}
