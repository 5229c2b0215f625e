package dev.duet.cluster.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** crm_mon --output-as=xml as the lab's Pacemaker 2.1.5 (Debian 12) printed it. */
class CrmMonXmlTest {
    @Test
    void healthyPairDrbdPromotedOnBothDlmAndFilesystemStartedBothStonithDevicesStarted() {
        ClusterStatus s = CrmMonXml.parse(ClusterFixtures.output("crm_mon_xml__healthy__node1.txt"));
        assertThat(s.running()).isTrue();
        assertThat(s.stack()).isEqualTo("corosync");
        assertThat(s.dc()).isEqualTo("node2");
        assertThat(s.quorate()).isTrue();
        assertThat(s.stonithEnabled()).isTrue();
        assertThat(s.onlineMembers()).containsExactly("node1", "node2");
        assertThat(s.allOnline()).isTrue();
        assertThat(s.member("node2").orElseThrow().dc()).isTrue();
        assertThat(s.resource("ms-drbd").orElseThrow().promotable()).isTrue();
        assertThat(s.resource("ms-drbd").orElseThrow().rolesByNode())
                .containsExactly(Map.entry("node2", "Promoted"), Map.entry("node1", "Promoted"));
        assertThat(s.roleOn("p-drbd", "node1")).contains("Promoted");
        assertThat(s.roleOn("dlm-clone", "node1")).contains("Started");
        assertThat(s.roleOn("p-fs", "node2")).contains("Started");
        assertThat(s.resource("fs-clone").orElseThrow().agent()).isEqualTo("ocf:heartbeat:Filesystem");
        assertThat(s.stonithResources()).extracting(ClusterResource::id).containsExactly("st-node1", "st-node2");
        assertThat(s.resource("st-node1").orElseThrow().rolesByNode()).containsExactly(Map.entry("node2", "Started"));
        assertThat(s.failures()).isEmpty();
    }

    @Test
    void afterNode1WasFencedTheSurvivorSeesItOfflineItsInstancesStoppedAndTheFailedMonitor() {
        ClusterStatus s = CrmMonXml.parse(ClusterFixtures.output(
                "crm_mon_xml__node1_fenced_drbd_monitor_timeout__node2.txt"));
        assertThat(s.member("node1").orElseThrow().online()).isFalse();
        assertThat(s.member("node1").orElseThrow().state()).isEqualTo("offline");
        assertThat(s.allOnline()).isFalse();
        assertThat(s.roleOn("p-drbd", "node2")).contains("Unpromoted");
        assertThat(s.roleOn("p-drbd", "node1")).isEmpty();
        assertThat(s.resource("ms-drbd").orElseThrow().stoppedInstances()).isEqualTo(1);
        assertThat(s.resource("dlm-clone").orElseThrow().rolesByNode()).isEmpty();
        assertThat(s.resource("st-node2").orElseThrow().rolesByNode()).isEmpty();
        assertThat(s.failures()).singleElement().satisfies(f -> {
            assertThat(f.node()).isEqualTo("node2");
            assertThat(f.resource()).isEqualTo("p-drbd");
            assertThat(f.task()).isEqualTo("monitor");
            assertThat(f.exitCode()).isEqualTo(1);
            assertThat(f.status()).isEqualTo("Timed Out");
            assertThat(f.describe()).isEqualTo("p-drbd_monitor_20000 on node2: error (Resource agent did not complete"
                    + " within 20s)");
        });
    }

    @Test
    void pacemakerBefore21WroteMasterAndSlaveWhichReadAsPromotedAndUnpromoted() {
        String xml = "<crm_mon version=\"2.0.0\"><summary/><nodes/><resources>"
                + "<clone id=\"ms\" multi_state=\"true\" managed=\"true\">"
                + "<resource id=\"d\" role=\"Master\"><node name=\"node1\"/></resource>"
                + "<resource id=\"d\" role=\"Slave\"><node name=\"node2\"/></resource></clone></resources></crm_mon>";
        ClusterStatus s = CrmMonXml.parse(xml);
        assertThat(s.roleOn("ms", "node1")).contains("Promoted");
        assertThat(s.roleOn("d", "node2")).contains("Unpromoted");
        assertThat(s.roleOn("d:1", "node2")).as("an instance id names its clone").contains("Unpromoted");
    }

    @Test
    void aClusterThatIsNotRunningIsNotAnError() {
        ClusterStatus s = CrmMonXml.parse(ClusterFixtures.read("crm_mon__not_running__provisional.xml"));
        assertThat(s.running()).isFalse();
        assertThat(s.problem()).isEqualTo("Not connected: crm_mon: Error: cluster is not available on this node");
        assertThat(s.members()).isEmpty();
        assertThat(s.roleOn("p-drbd", "node1")).isEmpty();
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
