package dev.duet.cluster.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CorosyncMembershipTest {
    @Test
    void bothMembersQuorate() {
        CorosyncMembership m = CorosyncMembership.parse(
                ClusterFixtures.output("corosync_quorumtool_s__healthy__node1.txt"));
        assertThat(m.quorate()).isTrue();
        assertThat(m.expectedVotes()).isEqualTo(2);
        assertThat(m.names()).containsExactly("node1", "node2");
        assertThat(m.members().get(0).local()).isTrue();
        assertThat(m.members().get(1).local()).isFalse();
        assertThat(m.members().get(1).nodeId()).isEqualTo(2);
    }

    @Test
    void theSurvivorOfAFenceSeesItselfAloneAndStillQuorateWithTwoNode() {
        CorosyncMembership m = CorosyncMembership.parse(
                ClusterFixtures.output("corosync_quorumtool_s__node1_fenced_drbd_monitor_timeout__node2.txt"));
        assertThat(m.quorate()).isTrue();
        assertThat(m.names()).containsExactly("node2");
        assertThat(m.members().get(0).local()).isTrue();
    }

    @Test
    void aQdeviceColumnDoesNotBecomeTheName() {
        CorosyncMembership m = CorosyncMembership.parse("Quorate:          No\n\n    Nodeid      Votes    Qdevice Name\n"
                + "         1          1    A,V,NMW node1 (local)\n");
        assertThat(m.quorate()).isFalse();
        assertThat(m.names()).containsExactly("node1");
        assertThat(m.members().get(0).local()).isTrue();
    }

    @Test
    void otherTextIsRefused() {
        assertThatThrownBy(() -> CorosyncMembership.parse("Cannot initialize QUORUM service\n"))
                .isInstanceOf(ClusterStatusParseException.class)
                .hasMessageContaining("`Cannot initialize QUORUM service`");
    }
}
