package dev.duet.cluster.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrmMonXmlTest {
    @Test
    void promotedOnBothWithDlmFilesystemAndStonithStarted() {
        ClusterStatus s = CrmMonXml.parse(ClusterFixtures.read("crm_mon__promoted_both__provisional.xml"));
        assertThat(s.running()).isTrue();
        assertThat(s.dc()).isEqualTo("node1");
        assertThat(s.quorate()).isTrue();
        assertThat(s.stonithEnabled()).isTrue();
        assertThat(s.onlineMembers()).containsExactly("node1", "node2");
        assertThat(s.allOnline()).isTrue();
        assertThat(s.resource("drbd-clone").orElseThrow().promotable()).isTrue();
        assertThat(s.resource("drbd-clone").orElseThrow().rolesByNode())
                .containsExactly(Map.entry("node1", "Promoted"), Map.entry("node2", "Promoted"));
        assertThat(s.roleOn("drbd", "node2")).contains("Promoted");
        assertThat(s.roleOn("dlm-clone", "node1")).contains("Started");
        assertThat(s.roleOn("fs", "node2")).contains("Started");
        assertThat(s.stonithResources()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("sbd-fence");
            assertThat(r.agent()).isEqualTo("stonith:external/sbd");
            assertThat(r.rolesByNode()).containsExactly(Map.entry("node1", "Started"));
        });
        assertThat(s.failures()).isEmpty();
    }

    @Test
    void anOfflineNodeAStoppedInstanceAndAFailedActionAreSeen() {
        ClusterStatus s = CrmMonXml.parse(ClusterFixtures.read("crm_mon__node2_offline_failed__provisional.xml"));
        assertThat(s.member("node2").orElseThrow().online()).isFalse();
        assertThat(s.member("node2").orElseThrow().state()).isEqualTo("offline");
        assertThat(s.allOnline()).isFalse();
        // Pacemaker < 2.1 wrote Master; the model speaks 2.1's Promoted.
        assertThat(s.roleOn("drbd", "node1")).contains("Promoted");
        assertThat(s.roleOn("drbd", "node2")).isEmpty();
        assertThat(s.resource("drbd-clone").orElseThrow().stoppedInstances()).isEqualTo(1);
        assertThat(s.resource("fs-clone").orElseThrow().failed()).isTrue();
        assertThat(s.failures()).singleElement().satisfies(f -> {
            assertThat(f.node()).isEqualTo("node1");
            assertThat(f.resource()).isEqualTo("fs");
            assertThat(f.task()).isEqualTo("monitor");
            assertThat(f.exitCode()).isEqualTo(7);
            assertThat(f.describe()).isEqualTo("fs_monitor_20000 on node1: not running");
        });
    }

    @Test
    void aClusterThatIsNotRunningIsNotAnError() {
        ClusterStatus s = CrmMonXml.parse(ClusterFixtures.read("crm_mon__not_running__provisional.xml"));
        assertThat(s.running()).isFalse();
        assertThat(s.problem()).isEqualTo("Not connected: crm_mon: Error: cluster is not available on this node");
        assertThat(s.members()).isEmpty();
        assertThat(s.roleOn("drbd", "node1")).isEmpty();
    }

    @Test
    void aCloneOfAGroupCountsTheLeastAdvancedMemberPerNode() {
        String xml = "<pacemaker-result><summary/><nodes/><resources>"
                + "<clone id=\"g-clone\" multi_state=\"false\" managed=\"true\">"
                + "<group id=\"g:0\"><resource id=\"a\" role=\"Started\"><node name=\"node1\"/></resource>"
                + "<resource id=\"b\" role=\"Starting\"><node name=\"node1\"/></resource></group>"
                + "<group id=\"g:1\"><resource id=\"a\" role=\"Started\"><node name=\"node2\"/></resource>"
                + "<resource id=\"b\" role=\"Started\"><node name=\"node2\"/></resource></group>"
                + "</clone></resources><status code=\"0\" message=\"OK\"/></pacemaker-result>";
        ClusterStatus s = CrmMonXml.parse(xml);
        assertThat(s.roleOn("g-clone", "node1")).contains("Starting");
        assertThat(s.roleOn("g-clone", "node2")).contains("Started");
        assertThat(s.roleOn("b", "node2")).contains("Started");
    }

    @Test
    void textThatIsNotCrmMonXmlIsAnInputErrorNamingWhatCame() {
        assertThatThrownBy(() -> CrmMonXml.parse("crm_mon: command not found\n"))
                .isInstanceOf(ClusterStatusParseException.class)
                .hasMessageStartingWith("expected crm_mon --output-as=xml, got `crm_mon: command not found`")
                .satisfies(e -> assertThat(((ClusterStatusParseException) e).reason()).isEqualTo(Reason.INPUT));
        assertThatThrownBy(() -> CrmMonXml.parse("<cib/>"))
                .hasMessageContaining("got <cib>");
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<pacemaker-result>&x;</pacemaker-result>";
        assertThatThrownBy(() -> CrmMonXml.parse(xxe)).isInstanceOf(ClusterStatusParseException.class)
                .hasMessageContaining("DOCTYPE");
    }
}
