package dev.duet.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.testing.TestContext;
import dev.duet.testing.ScriptedNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pair built by hand with the manual procedure: cluster.conf and /etc/default/o2cb written by a person,
 * same meaning in another layout, OCFS2 mounted. Duet adopts it without touching the live cluster.
 */
class HandWrittenClusterConfTest {
    /** As a person types it from the manual: cluster stanza first, other order, spaces around '='. */
    static final String HAND_WRITTEN = """
            # written by hand
            cluster:
            \tnode_count=2
            \tname=ocfs2

            node:
            \tip_port = 7777
            \tip_address = 10.99.0.1
            \tnumber = 0
            \tname = node1
            \tcluster = ocfs2

            node:
            \tip_port = 7777
            \tip_address = 10.99.0.2
            \tnumber = 1
            \tname = node2
            \tcluster = ocfs2
            """;

    private static Step step(List<Object> nodes) {
        return new Ocfs2ClusterModule().bind(new Args("ocfs2_cluster", Map.of("nodes", nodes), null));
    }

    private static Step labStep() {
        return step(List.of(Map.of("name", "node1", "address", "10.99.0.1"),
                Map.of("name", "node2", "address", "10.99.0.2")));
    }

    private static ScriptedNode mountedNode(String conf, String defaults) {
        return new ScriptedNode("node1")
                .file(ClusterConf.PATH, conf)
                .file(O2cbDefaults.PATH, defaults)
                .on("uname -n", 0, "node1\n")
                .on("stat -c", 0, "644 root:root\n")
                .on("systemctl is-enabled o2cb", 0, "enabled\n")
                .on("o2cb cluster-status ocfs2", 0, Ocfs2Captures.clusterStatusOnline())
                .on("findmnt -n -t ocfs2", 0, "/srv/shared\n");
    }

    private static String handDefaults() {
        return "O2CB_ENABLED=\"true\"\nO2CB_BOOTCLUSTER='ocfs2'\n";
    }

    @Test
    void parsedMeaningIgnoresLayout() {
        ClusterConfMeaning hand = ClusterConfMeaning.parse(HAND_WRITTEN);
        ClusterConfMeaning ours = ClusterConfMeaning.parse(new ClusterConf("ocfs2", 7777, List.of(
                new ClusterNode("node1", "10.99.0.1", 0), new ClusterNode("node2", "10.99.0.2", 1))).render());

        assertThat(hand).isEqualTo(ours);
        assertThat(hand.nodeCount()).isEqualTo("2");
    }

    @Test
    void aCosmeticDifferenceIsRewrittenWithoutTouchingTheLiveCluster() {
        ScriptedNode node = mountedNode(HAND_WRITTEN, handDefaults());
        var ctx = TestContext.apply(node);

        Check check = labStep().check(ctx);
        assertThat(check.kind()).isEqualTo(Check.Kind.CHANGE);
        assertThat(check.message()).doesNotContain("restart");
        Done done = labStep().act(ctx, check);

        assertThat(done.changed()).isTrue();
        assertThat(node.writes()).contains(ClusterConf.PATH);
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(labStep().check(TestContext.apply(node)).kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void aRealDifferenceWhileMountedIsRefusedWithTheParsedDifference() {
        String moved = HAND_WRITTEN.replace("10.99.0.2", "10.99.0.9");
        ScriptedNode node = mountedNode(moved, handDefaults());

        assertThatThrownBy(() -> labStep().check(TestContext.apply(node)))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("node node2: ip_address 10.99.0.9 -> 10.99.0.2")
                .hasMessageContaining("mounted at /srv/shared")
                .hasMessageNotContaining("(mount state: unmounted)")
                .hasMessageNotContaining("(or the cluster is");
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void aRealDefaultsDifferenceWhileMountedNamesTheKey() {
        ScriptedNode node = mountedNode(HAND_WRITTEN, "O2CB_ENABLED=true\nO2CB_BOOTCLUSTER=other\n");

        assertThatThrownBy(() -> labStep().check(TestContext.apply(node)))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("O2CB_BOOTCLUSTER other -> ocfs2");
    }

    @Test
    void anUnreadableClusterConfCountsAsDifferent() {
        ScriptedNode node = mountedNode("this is not cluster.conf\n", handDefaults());

        assertThatThrownBy(() -> labStep().check(TestContext.apply(node)))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("cannot be read");
    }
}
