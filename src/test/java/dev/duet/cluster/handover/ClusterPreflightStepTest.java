package dev.duet.cluster.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import org.junit.jupiter.api.Test;

/** A pair built by the simple o2cb playbook is refused before anything changes; a fresh node passes. */
class ClusterPreflightStepTest {
    @Test
    void aFreshNodePasses() {
        ScriptedNode node = new ScriptedNode("node1").on("o2cb ", 127, "", "sh: 1: o2cb: not found\n");

        assertThat(TestContext.of(node).checkMode(true).run(new ClusterPreflightStep()).kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void onAPacemakerPairItReadsWhatItNamesThoughO2cbFails() {
        ScriptedNode node = new ScriptedNode("node1").on("o2cb ", 1, "", "Cluster 'ocfs2' is offline\n")
                .file("/etc/fstab", "UUID=1 / ext4 defaults 0 1\n");
        var reads = dev.duet.testing.NamedReads.of(new ClusterPreflightStep(), TestContext.of(node).checkMode(true), node);
        assertThat(reads.asked()).containsExactly("o2cb cluster-status", "file /etc/fstab");
        assertThat(reads.unnamed()).isEmpty();
        assertThat(reads.unasked()).isEmpty();
    }

    @Test
    void anO2cbPairIsRefusedWithTheWayOut() {
        ScriptedNode node = new ScriptedNode("node1").on("o2cb cluster-status", 0, "Cluster 'ocfs2' is online\n")
                .file("/etc/fstab", "UUID=1 / ext4 defaults 0 1\n/dev/drbd0 /srv/shared ocfs2 noatime,_netdev,"
                        + "x-systemd.requires=o2cb.service 0 0\n");

        DuetException e = assertThrows(DuetException.class, () -> TestContext.of(node).run(new ClusterPreflightStep()));

        assertThat(e.reason()).isEqualTo(Reason.REFUSED);
        assertThat(e.getMessage()).contains("dual-primary-ocfs2.yml", "Cluster 'ocfs2' is online",
                "/etc/fstab mounts OCFS2 after o2cb", "Nothing was changed");
        assertThat(node.mutatingCommands()).isEmpty();
    }
}
