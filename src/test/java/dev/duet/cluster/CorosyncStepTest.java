package dev.duet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.TestContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorosyncStepTest {
    private static final List<Object> NODES = List.of(Map.of("name", "node1", "address", "10.99.0.1"),
            Map.of("name", "node2", "address", "10.99.0.2"));

    private static Step step() {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("cluster_name", "duet", "nodes", NODES, "timeout", 10));
        return new CorosyncModule().bind(new Args("corosync", values, null));
    }

    @Test
    void freshPairGetsConfigOneKeyOnBothAndBothMembers() {
        FakeClusterPair pair = new FakeClusterPair();
        TestContext c1 = pair.context("node1", false);
        TestContext c2 = pair.context("node2", false);
        Check[] checks = FakeClusterPair.runBoth(CorosyncStepTest::step, c1, c2);
        assertThat(checks[0].message()).contains("/etc/corosync/corosync.conf would be created",
                "/etc/corosync/authkey would be generated (corosync-keygen -l)", "corosync would be started");
        assertThat(checks[1].message()).contains("/etc/corosync/authkey would be copied from node1 once generated there");
        assertThat(c1.done().message()).contains("generated /etc/corosync/authkey (corosync-keygen -l)",
                "started corosync", "members node1, node2, quorate");
        assertThat(c2.done().message()).contains("copied /etc/corosync/authkey from node1 (0400)");
        assertThat(pair.node2.readFile(Authkey.PATH)).hasValueSatisfying(k -> assertThat(k).isEqualTo(FakeClusterPair.GENERATED_KEY));
        assertThat(pair.node1.fileText(CorosyncConf.PATH)).isEqualTo(pair.node2.fileText(CorosyncConf.PATH))
                .contains("cluster_name: duet");
        assertThat(pair.node2.commands()).noneMatch(c -> c.line().contains("corosync-keygen"));
        // The key is never shown: not in a message, not in a diff, not in argv.
        String secretText = FakeClusterPair.text(FakeClusterPair.GENERATED_KEY);
        for (TestContext c : List.of(c1, c2)) {
            assertThat(c.done().message()).doesNotContain(secretText);
            assertThat(String.valueOf(c.done().diff())).doesNotContain(secretText);
        }
        assertThat(pair.node1.commands()).noneMatch(c -> c.line().contains(secretText.substring(0, 8)));
    }

    @Test
    void secondRunChangesNothingAndPlanTouchesNothing() {
        FakeClusterPair pair = new FakeClusterPair();
        FakeClusterPair.runBoth(CorosyncStepTest::step, pair.context("node1", false), pair.context("node2", false));
        int writes1 = pair.node1.writes().size();
        int mutating2 = pair.node2.mutatingCommands().size();
        TestContext again1 = pair.context("node1", false);
        TestContext again2 = pair.context("node2", false);
        Check[] checks = FakeClusterPair.runBoth(CorosyncStepTest::step, again1, again2);
        assertThat(checks[0].kind()).isEqualTo(Check.Kind.OK);
        assertThat(checks[1].kind()).isEqualTo(Check.Kind.OK);
        assertThat(pair.node1.writes()).hasSize(writes1);
        assertThat(pair.node2.mutatingCommands()).hasSize(mutating2);

        FakeClusterPair fresh = new FakeClusterPair();
        Check plan = fresh.context("node1", true).run(step());
        assertThat(plan.needsChange()).isTrue();
        assertThat(plan.diff()).contains("+    cluster_name: duet");
        assertThat(fresh.node1.mutatingCommands()).isEmpty();
        assertThat(fresh.node1.writes()).isEmpty();
    }

    @Test
    void underRunningResourcesTheCheckReadsExactlyWhatTheStepNames() {
        FakeClusterPair pair = runningWithResources("node2");
        var reads = dev.duet.testing.NamedReads.of(step(), pair.context("node2", true), pair.node2);
        assertThat(reads.asked()).contains("crm_mon --output-as=xml", "file " + Authkey.PATH);
        assertThat(reads.unnamed()).as("asked, not named: one more round ahead").isEmpty();
        assertThat(reads.unasked()).as("named, never asked: read for nothing").isEmpty();
    }

    @Test
    void aHandWrittenEquivalentConfIsKept() {
        FakeClusterPair pair = new FakeClusterPair();
        FakeClusterPair.runBoth(CorosyncStepTest::step, pair.context("node1", false), pair.context("node2", false));
        String reordered = pair.node1.fileText(CorosyncConf.PATH).replace("    version: 2\n", "")
                .replace("totem {\n", "# tuned by hand\ntotem {\n\tversion:   2\n");
        pair.node1.file(CorosyncConf.PATH, reordered);
        Check again = pair.context("node1", true).run(step());
        assertThat(again.kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void aPeerThatAlreadyHasAKeyGivesItToTheKeyMakerRatherThanSplittingThePair() {
        FakeClusterPair pair = new FakeClusterPair();
        pair.node2.file(Authkey.PATH, "a key made by hand on node2, 256 bytes in real life");
        FakeClusterPair.runBoth(CorosyncStepTest::step, pair.context("node1", false), pair.context("node2", false));
        assertThat(pair.node1.fileText(Authkey.PATH)).isEqualTo("a key made by hand on node2, 256 bytes in real life");
        assertThat(pair.node1.commands()).noneMatch(c -> c.line().contains("corosync-keygen"));
    }

    @Test
    void aRunningCorosyncWithAnotherKeyIsRefused() {
        FakeClusterPair pair = new FakeClusterPair();
        FakeClusterPair.runBoth(CorosyncStepTest::step, pair.context("node1", false), pair.context("node2", false));
        pair.node2.file(Authkey.PATH, "another key");
        pair.active.add("node2:pacemaker");
        pair.node2.on("crm_mon --output-as=xml", 0,
                dev.duet.cluster.status.ClusterFixtures.output("crm_mon_xml__healthy__node2.txt"));
        assertThatThrownBy(() -> pair.context("node2", true).run(step()))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION))
                .hasMessageContaining("authkey that differs from node1's")
                .hasMessageNotContaining("another key");
    }

    @Test
    void aNodeWhoseHostnameIsNoCorosyncNameIsRefused() {
        var odd = new dev.duet.testing.ScriptedNode("node1").on("uname -n", 0, "debian\n");
        assertThatThrownBy(() -> TestContext.of(odd).checkMode(true).run(step()))
                .hasMessageContaining("uname -n is 'debian', which is none of the corosync node names (node1, node2)");
    }

    @Test
    void badArgumentsNameTheFileAndLine() {
        Args.Location at = new Args.Location(Path.of("play.yml"), 12, 7);
        assertThatThrownBy(() -> new CorosyncModule().validate(Map.of("cluster_name", "my cluster!"), at))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("play.yml:12:7: corosync: argument 'cluster_name' must be 1-16 letters");
        assertThatThrownBy(() -> new CorosyncModule().validate(Map.of("nodes", List.of(
                Map.of("name", "node1", "address", "10.99.0.1", "address2", "10.98.0.1"),
                Map.of("name", "node2", "address", "10.99.0.2"))), at))
                .hasMessageContaining("address2 (the second ring) must be given for every node or for none");
        assertThatThrownBy(() -> new CorosyncModule().validate(Map.of("nodes", List.of(
                Map.of("name", "node1", "address", "10.99.0.1;reboot"), Map.of("name", "node2", "address", "x"))), at))
                .hasMessageContaining("address must be an IP address or host name, got '10.99.0.1;reboot'");
        assertThatThrownBy(() -> new CorosyncModule().validate(Map.of("crypto_cipher", "none"), at))
                .hasMessageContaining("crypto_cipher' must be one of aes256, aes192, aes128");
    }

    /** Debian's packages start corosync (one-node default, cluster "debian"), sbd and pacemaker on install. */
    private static final String DEBIAN_DEFAULT = "totem {\n\tversion: 2\n\tcluster_name: debian\n\tcrypto_cipher: none\n"
            + "\tcrypto_hash: none\n}\nnodelist {\n\tnode {\n\t\tname: node1\n\t\tnodeid: 1\n\t\tring0_addr: 127.0.0.1\n"
            + "\t}\n}\nquorum {\n\tprovider: corosync_votequorum\n}\n";
    private static final String NO_RESOURCES = "<pacemaker-result api-version=\"2.25\" request=\"crm_mon --output-as=xml\">"
            + "<summary><stack type=\"corosync\"/><current_dc present=\"true\" name=\"node1\" with_quorum=\"true\"/></summary>"
            + "<nodes><node name=\"node1\" id=\"1\" online=\"true\"/></nodes><resources/>"
            + "<status code=\"0\" message=\"OK\"/></pacemaker-result>";

    @Test
    void theStackThePackagesStartedWithTheirDefaultIsStoppedReconfiguredAndStarted() {
        FakeClusterPair pair = new FakeClusterPair();
        for (var n : List.of(pair.node1, pair.node2)) {
            n.file(CorosyncConf.PATH, DEBIAN_DEFAULT).on("crm_mon --output-as=xml", 0, NO_RESOURCES)
                    .on("sh -c", 0, "");
            for (String unit : List.of("corosync", "pacemaker", "sbd")) {
                pair.active.add(n.name() + ":" + unit);
                pair.enabled.add(n.name() + ":" + unit);
            }
        }
        TestContext c1 = pair.context("node1", false);
        Check[] checks = FakeClusterPair.runBoth(CorosyncStepTest::step, c1, pair.context("node2", false));
        assertThat(checks[0].message()).contains("/etc/corosync/corosync.conf would be updated and the stack restarted"
                + " (it runs no resource)");
        assertThat(c1.done().message()).startsWith("stopped pacemaker, corosync, sbd (no resource running), removed the"
                + " CIB of the package's cluster 'debian'; updated /etc/corosync/corosync.conf").contains("started corosync");
        assertThat(pair.node1.mutatingCommands()).extracting(c -> c.line()).containsSubsequence(
                "systemctl stop pacemaker", "systemctl stop corosync", "systemctl stop sbd",
                "sh -c 'rm -f /var/lib/pacemaker/cib/cib*' sh", "corosync-keygen -l", "systemctl start corosync");
        assertThat(pair.node1.commands()).noneMatch(c -> c.line().startsWith("corosync-cfgtool -R"));
    }

    @Test
    void underRunningResourcesAChangedConfIsOnlyReloaded() {
        FakeClusterPair pair = runningWithResources("node1");
        pair.node1.file(CorosyncConf.PATH, pair.node1.fileText(CorosyncConf.PATH).replace("two_node: 1", "two_node: 0"));
        TestContext c1 = pair.context("node1", false);
        c1.run(step());
        assertThat(c1.done().message()).contains("updated /etc/corosync/corosync.conf; reloaded corosync (corosync-cfgtool -R)");
        assertThat(pair.node1.commands()).noneMatch(c -> c.line().startsWith("systemctl stop"));
    }

    /** A pair the step has configured, with Pacemaker running resources on {@code node} (crm_mon of the lab). */
    private static FakeClusterPair runningWithResources(String node) {
        FakeClusterPair pair = new FakeClusterPair();
        FakeClusterPair.runBoth(CorosyncStepTest::step, pair.context("node1", false), pair.context("node2", false));
        pair.active.add(node + ":pacemaker");
        pair.node(node).on("crm_mon --output-as=xml", 0,
                dev.duet.cluster.status.ClusterFixtures.output("crm_mon_xml__healthy__" + node + ".txt"));
        return pair;
    }
}
