package dev.duet.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class Ocfs2ClusterStepTest {
    private static final List<Object> LAB_NODES = List.of(
            Map.of("name", "node1", "address", "10.99.0.1"),
            Map.of("name", "node2", "address", "10.99.0.2"));
    private static final String OFFLINE = "Cluster 'ocfs2' is offline\n";

    private static Step step(Map<String, Object> extra) {
        var values = new java.util.LinkedHashMap<String, Object>(Map.of("nodes", LAB_NODES));
        values.putAll(extra);
        return new Ocfs2ClusterModule().bind(new Args("ocfs2_cluster", values, null));
    }

    private static String labConf() {
        return new ClusterConf("ocfs2", 7777, List.of(new ClusterNode("node1", "10.99.0.1", 0),
                new ClusterNode("node2", "10.99.0.2", 1))).render();
    }

    /** A node as the lab leaves it after `apt install ocfs2-tools`: o2cb enabled by the package, offline. */
    private static ScriptedNode freshNode(AtomicBoolean online) {
        return new ScriptedNode("node1")
                .file(O2cbDefaults.PATH, Ocfs2Captures.debianDefaultO2cb())
                .on("uname -n", 0, "node1\n")
                .on("stat -c", 0, "644 root:root\n")
                .on("systemctl is-enabled o2cb", 0, "enabled\n")
                .on("o2cb cluster-status ocfs2", c -> ScriptedNode.result(c, 0,
                        online.get() ? Ocfs2Captures.clusterStatusOnline() : OFFLINE, ""))
                .on("findmnt -n -t ocfs2", 1, "")
                .on("mkdir -p /etc/ocfs2", 0, "")
                .on("systemctl restart o2cb", c -> {
                    online.set(true);
                    return ScriptedNode.result(c, 0, "", "");
                });
    }

    private static ScriptedNode convergedNode() {
        return new ScriptedNode("node1")
                .file(ClusterConf.PATH, labConf())
                .file(O2cbDefaults.PATH, O2cbDefaults.apply(Ocfs2Captures.debianDefaultO2cb(),
                        Map.of("O2CB_ENABLED", "true", "O2CB_BOOTCLUSTER", "ocfs2")))
                .on("uname -n", 0, "node1\n")
                .on("stat -c", 0, "644 root:root\n")
                .on("systemctl is-enabled o2cb", 0, "enabled\n")
                .on("o2cb cluster-status ocfs2", 0, Ocfs2Captures.clusterStatusOnline())
                .on("findmnt -n -t ocfs2", 0, "/mnt/ocfs2\n");
    }

    @Test
    void renderedClusterConfEqualsWhatO2cbListsInTheLab() {
        assertThat(labConf()).isEqualTo(Ocfs2Captures.listCluster());
        assertThat(labConf()).startsWith("node:\n\tnumber = 0\n\tname = node1\n\tip_address = 10.99.0.1\n"
                + "\tip_port = 7777\n\tcluster = ocfs2\n\nnode:\n");
        assertThat(labConf()).endsWith("\ncluster:\n\tnode_count = 2\n\theartbeat_mode = local\n\tname = ocfs2\n\n");
        assertThat(labConf().lines().filter(l -> l.startsWith(" "))).as("no space indentation").isEmpty();
    }

    @Test
    void freshNodeGetsConfigAndClusterComesOnline() {
        AtomicBoolean online = new AtomicBoolean(false);
        ScriptedNode node = freshNode(online);
        var ctx = TestContext.apply(node);
        Step step = step(Map.of());

        Check check = step.check(ctx);
        assertThat(check.kind()).isEqualTo(Check.Kind.CHANGE);
        assertThat(check.message()).contains("/etc/ocfs2/cluster.conf would be created", "brought online");
        assertThat(check.diff()).contains("+\tname = node1", "+O2CB_ENABLED=true", "-O2CB_ENABLED=false");

        assertThat(step.act(ctx, check)).isEqualTo(Done.changed("created /etc/ocfs2/cluster.conf; updated "
                + "/etc/default/o2cb; brought cluster 'ocfs2' online (systemctl restart o2cb)", check.diff()));
        assertThat(node.fileText(ClusterConf.PATH)).isEqualTo(labConf());
        assertThat(node.fileText(O2cbDefaults.PATH))
                .contains("O2CB_ENABLED=true\n", "O2CB_BOOTCLUSTER=ocfs2\n", "O2CB_HEARTBEAT_THRESHOLD=31\n",
                        "# O2CB_ENABLED: 'true' means to load the driver on boot.\n")
                .doesNotContain("O2CB_ENABLED=false");
        assertThat(node.mutatingCommands()).extracting(Command::line)
                .containsExactly("mkdir -p /etc/ocfs2", "systemctl restart o2cb");
        assertThat(step.check(ctx).kind()).as("second run converged").isEqualTo(Check.Kind.OK);
    }

    @Test
    void convergedNodeIsOkAndNothingReachesIt() {
        ScriptedNode node = convergedNode();
        Check check = step(Map.of()).check(TestContext.apply(node));
        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(check.message()).contains("online", "node1, node2");
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void planOnAFreshNodeWithoutPackagesShowsEverythingAndTouchesNothing() {
        ScriptedNode node = new ScriptedNode("node1")
                .on("uname -n", 0, "node1\n")
                .on("systemctl is-enabled o2cb", 1, "", "Failed to get unit file state for o2cb.service: No such file")
                .on("o2cb", 127, "", "sh: 1: o2cb: not found")
                .on("findmnt", 1, "");
        Check check = step(Map.of()).check(TestContext.plan(node));
        assertThat(check.kind()).isEqualTo(Check.Kind.CHANGE);
        assertThat(check.message()).contains("cluster.conf would be created", "/etc/default/o2cb would be created",
                "enabled at boot", "brought online");
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void hostnameNotInTheNodeListIsRefusedBeforeAnyChange() {
        ScriptedNode node = new ScriptedNode("node1").on("uname -n", 0, "debian\n");
        assertThatThrownBy(() -> step(Map.of()).act(TestContext.apply(node), Check.change("x")))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION))
                .hasMessageContaining("node1: uname -n is 'debian'")
                .hasMessageContaining("node1, node2");
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void changedLayoutWhileMountedIsRefusedNotUnmounted() {
        ScriptedNode node = convergedNode();
        Step moved = step(Map.of("nodes", List.of(Map.of("name", "node1", "address", "10.99.0.1"),
                Map.of("name", "node2", "address", "10.99.0.22"))));
        assertThatThrownBy(() -> moved.check(TestContext.apply(node)))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION))
                .hasMessageContaining("mounted at /mnt/ocfs2")
                .hasMessageContaining("o2cb cannot reload a live cluster");
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void changedLayoutWithNothingMountedRestartsO2cb() {
        ScriptedNode node = convergedNode().on("findmnt -n -t ocfs2", 1, "").on("systemctl restart o2cb", 0, "");
        var ctx = TestContext.apply(node);
        Step moved = step(Map.of("port", 7778));
        Check check = moved.check(ctx);
        assertThat(check.message()).contains("restarted to load the new configuration");
        assertThat(moved.act(ctx, check)).isEqualTo(Done.changed(
                "updated /etc/ocfs2/cluster.conf; restarted o2cb to load the new configuration", check.diff()));
        assertThat(node.fileText(ClusterConf.PATH)).contains("\tip_port = 7778\n").doesNotContain("7777");
        assertThat(node.writes()).containsExactly(ClusterConf.PATH);
        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly("systemctl restart o2cb");
    }

    @Test
    void offlineClusterOnOneNodeIsBroughtBackOnly() {
        AtomicBoolean online = new AtomicBoolean(false);
        ScriptedNode node = convergedNode()
                .on("o2cb cluster-status ocfs2", c -> ScriptedNode.result(c, 0,
                        online.get() ? Ocfs2Captures.clusterStatusOnline() : OFFLINE, ""))
                .on("findmnt -n -t ocfs2", 1, "")
                .on("systemctl restart o2cb", c -> {
                    online.set(true);
                    return ScriptedNode.result(c, 0, "", "");
                });
        var ctx = TestContext.apply(node);
        Check check = step(Map.of()).check(ctx);
        assertThat(check.message()).isEqualTo("cluster 'ocfs2' would be brought online (systemctl restart o2cb)");
        assertThat(check.diff()).isNull();
        assertThat(step(Map.of()).act(ctx, check))
                .isEqualTo(Done.changed("brought cluster 'ocfs2' online (systemctl restart o2cb)"));
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly("systemctl restart o2cb");
    }

    @Test
    void restartThatLeavesTheClusterOfflineFailsWithWhatO2cbSaid() {
        ScriptedNode node = convergedNode().on("o2cb cluster-status ocfs2", 0, OFFLINE)
                .on("findmnt -n -t ocfs2", 1, "").on("systemctl restart o2cb", 0, "");
        assertThatThrownBy(() -> step(Map.of()).act(TestContext.apply(node), Check.change("x")))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("node1: o2cb restarted but cluster 'ocfs2' is not online")
                .hasMessageContaining("is offline");
    }

    @Test
    void timeoutsGoToDefaultsFileInPlace() {
        String edited = O2cbDefaults.apply(Ocfs2Captures.debianDefaultO2cb(),
                Map.of("O2CB_ENABLED", "true", "O2CB_HEARTBEAT_THRESHOLD", "61", "O2CB_IDLE_TIMEOUT_MS", "60000"));
        assertThat(edited).contains("O2CB_ENABLED=true\n\n# O2CB_BOOTCLUSTER", "O2CB_HEARTBEAT_THRESHOLD=61\n")
                .endsWith("O2CB_IDLE_TIMEOUT_MS=60000\n");
        assertThat(O2cbDefaults.value(edited, "O2CB_BOOTCLUSTER")).isEqualTo("ocfs2");
    }

    @Test
    void badValuesAreRejectedAtLoadTimeWithTheirPlace() {
        var where = new Args.Location(Path.of("play.yml"), 12, 7);
        var module = new Ocfs2ClusterModule();
        assertThatThrownBy(() -> module.validate(Map.of("cluster", "my-cluster", "nodes", LAB_NODES), where))
                .isInstanceOf(InputException.class).hasMessageContaining("play.yml:12:7")
                .hasMessageContaining("1-16 letters or digits");
        assertThatThrownBy(() -> module.validate(Map.of("nodes", List.of(
                Map.of("name", "node1;reboot", "address", "10.99.0.1"))), where))
                .isInstanceOf(InputException.class).hasMessageContaining("node1;reboot");
        assertThatThrownBy(() -> module.validate(Map.of("nodes", List.of(
                Map.of("name", "node1", "address", "fe80::1"))), where))
                .isInstanceOf(InputException.class).hasMessageContaining("IPv4");
        module.validate(Map.of("nodes", List.of(Map.of("name", "{{ hostvars['a'].inventory_hostname }}",
                "address", "{{ hostvars['a'].replication_address }}"))), where);
    }
}
