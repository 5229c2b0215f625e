package dev.duet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.cluster.status.ClusterFixtures;
import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.ocfs2.BlockSignature;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SbdStepTest {
    static final String DEV = "/dev/disk/by-id/virtio-sbd";
    static final String DEBIAN_DEFAULTS = "## Type: string\n## Default: \"\"\n#\n# SBD_DEVICE specifies the devices to use\n"
            + "#SBD_DEVICE=\"\"\n\n## Type: yesno / integer\nSBD_PACEMAKER=yes\n\nSBD_STARTMODE=always\n"
            + "SBD_DELAY_START=no\nSBD_WATCHDOG_DEV=/dev/watchdog\nSBD_WATCHDOG_TIMEOUT=5\n";
    /** The lab's captures (sbd 1.5.2, Debian 12): a header sbd -1 10 -4 20 created, and a blank disk. */
    static final String DUMP = ClusterFixtures.output("sbd_dump__header_created__node2.txt");
    static final String NO_HEADER = ClusterFixtures.output("sbd_dump__no_header__node2.txt");

    /** The shared disk: its first bytes, as both nodes read them. */
    private final AtomicReference<String> magic = new AtomicReference<>("\0\0\0\0\0\0\0\0");

    private FakeClusterPair pair(String blkidStdout, int blkidExit) {
        FakeClusterPair pair = new FakeClusterPair();
        for (ScriptedNode n : new ScriptedNode[] {pair.node1, pair.node2}) {
            n.file(SbdStep.DEFAULTS, DEBIAN_DEFAULTS)
                    .on("test -c /dev/watchdog", 0, "")
                    .on("head -c 8 " + DEV, c -> ScriptedNode.result(c, 0, magic.get(), ""))
                    .on("sbd -d " + DEV + " dump", c -> SbdHeader.MAGIC.equals(magic.get())
                            ? ScriptedNode.result(c, 0, DUMP, "")
                            : ScriptedNode.result(c, ClusterFixtures.rc("sbd_dump__no_header__node2.txt"),
                            NO_HEADER.replace("/dev/loop0", DEV), ""))
                    .on("sbd -d " + DEV + " -1 10 -4 20 create", c -> {
                        magic.set(SbdHeader.MAGIC);
                        return ScriptedNode.result(c, 0, "", "");
                    })
                    .on(BlockSignature.command(DEV).line(), blkidExit, blkidStdout);
        }
        return pair;
    }

    private static Step step(Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("device", DEV, "timeout", 10));
        values.putAll(extra);
        return new SbdModule().bind(new Args("sbd", values, null));
    }

    @Test
    void aBlankDiskGetsOneHeaderFromTheFirstHostAndBothGetTheirDefaults() {
        FakeClusterPair pair = pair("", 2);
        TestContext c1 = pair.context("node1", false);
        TestContext c2 = pair.context("node2", false);
        Check[] checks = FakeClusterPair.runBoth(() -> step(Map.of()), c1, c2);
        assertThat(checks[0].message()).contains("would create the SBD header on " + DEV + ": sbd -d " + DEV
                + " -1 10 -4 20 create", "/etc/default/sbd would be updated", "sbd would be enabled");
        assertThat(checks[1].message()).contains("the SBD header on " + DEV + " would be created by node1");
        assertThat(checks[0].diff()).contains("+SBD_DEVICE=" + DEV);
        assertThat(c1.done().message()).contains("created the SBD header on " + DEV);
        // node2 either waited for node1's header or, looking again in its act half, already saw it.
        assertThat(c2.done().message()).doesNotContain("created the SBD header");
        assertThat(pair.node2.commands()).noneMatch(c -> c.line().endsWith(" create"));
        assertThat(pair.node1.commands()).filteredOn(c -> c.line().endsWith(" create")).hasSize(1);
        String defaults = pair.node2.fileText(SbdStep.DEFAULTS);
        assertThat(defaults).contains("SBD_DEVICE=" + DEV + "\n", "SBD_WATCHDOG_DEV=/dev/watchdog\n", "SBD_PACEMAKER=yes\n")
                .contains("#SBD_DEVICE=\"\"\n", "SBD_STARTMODE=always\n");
        assertThat(pair.enabled).contains("node1:sbd", "node2:sbd");
        assertThat(pair.node1.commands()).noneMatch(c -> c.line().startsWith("systemctl start"));
    }

    @Test
    void secondRunIsOkAndAnExistingHeaderIsNeverCreatedAgain() {
        FakeClusterPair pair = pair("", 2);
        FakeClusterPair.runBoth(() -> step(Map.of()), pair.context("node1", false), pair.context("node2", false));
        int before = pair.node1.mutatingCommands().size();
        Check[] again = FakeClusterPair.runBoth(() -> step(Map.of()), pair.context("node1", false), pair.context("node2", false));
        assertThat(again[0].kind()).isEqualTo(Check.Kind.OK);
        assertThat(again[1].kind()).isEqualTo(Check.Kind.OK);
        assertThat(pair.node1.mutatingCommands()).hasSize(before);
    }

    @Test
    void onAConfiguredPairTheCheckReadsExactlyWhatTheStepNames() {
        FakeClusterPair pair = pair("", 2);
        FakeClusterPair.runBoth(() -> step(Map.of()), pair.context("node1", false), pair.context("node2", false));
        var reads = dev.duet.testing.NamedReads.of(step(Map.of()), pair.context("node2", true), pair.node2);
        assertThat(reads.asked()).contains("sbd -d " + DEV + " dump", "file " + SbdStep.DEFAULTS);
        assertThat(reads.unnamed()).as("asked, not named: one more round ahead").isEmpty();
        assertThat(reads.unasked()).as("named, never asked: read for nothing").isEmpty();
    }

    @Test
    void aHeaderWithOtherTimeoutsIsKeptWithAWarning() {
        magic.set(SbdHeader.MAGIC);
        FakeClusterPair pair = pair("", 2);
        TestContext c1 = pair.context("node1", false);
        c1.run(new SbdModule().bind(new Args("sbd", Map.of("device", DEV, "watchdog_timeout", 15), null)));
        assertThat(pair.node1.commands()).noneMatch(c -> c.line().endsWith(" create"));
        assertThat(c1.warnings()).singleElement().asString()
                .contains("has watchdog timeout 10 s (wanted 15), msgwait timeout 20 s (wanted 30); left as it is");
    }

    @Test
    void aDiskThatCarriesAFilesystemIsRefusedAndNothingIsWritten() {
        FakeClusterPair pair = pair("DEVNAME=" + DEV + "\nLABEL=data\nUUID=1f0c\nBLOCK_SIZE=4096\nTYPE=ext4\n", 0);
        for (boolean plan : new boolean[] {true, false}) {
            assertThatThrownBy(() -> pair.context("node1", plan).run(step(Map.of())))
                    .isInstanceOf(DuetException.class)
                    .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.REFUSED))
                    .hasMessageContaining(DEV + " carries ext4 (label 'data'), not an SBD header");
        }
        assertThat(pair.node1.mutatingCommands()).isEmpty();
        assertThat(pair.node1.writes()).isEmpty();
    }

    @Test
    void anUnreadableDiskOrAMissingWatchdogIsRefused() {
        FakeClusterPair pair = pair("", 2);
        ScriptedNode odd = new ScriptedNode("node1").on("test -c /dev/watchdog", 0, "")
                .on("head -c 8", 1, "", "head: cannot open '" + DEV + "' for reading: No such file or directory\n");
        assertThatThrownBy(() -> TestContext.of(odd).checkMode(true).run(step(Map.of())))
                .hasMessageContaining("cannot read the SBD device " + DEV + " (head: cannot open");
        ScriptedNode noWatchdog = new ScriptedNode("node1").on("test -c", 1, "");
        assertThatThrownBy(() -> TestContext.of(noWatchdog).checkMode(true).run(step(Map.of())))
                .hasMessageContaining("no watchdog device /dev/watchdog");
        assertThat(pair.node1.commands()).isEmpty();
    }

    @Test
    void planTouchesNothing() {
        FakeClusterPair pair = pair("", 2);
        Check plan = pair.context("node1", true).run(step(Map.of()));
        assertThat(plan.needsChange()).isTrue();
        assertThat(pair.node1.mutatingCommands()).isEmpty();
        assertThat(pair.node1.writes()).isEmpty();
        assertThat(magic.get()).isNotEqualTo(SbdHeader.MAGIC);
    }

    @Test
    void parsesTheDumpsTimeouts() {
        SbdHeader h = SbdHeader.parse(DUMP);
        assertThat(h.watchdogTimeout()).hasValue(10);
        assertThat(h.msgwaitTimeout()).hasValue(20);
        assertThat(h.slots()).hasValue(255);
        assertThat(SbdHeader.parse(NO_HEADER)).isNull();
    }

    @Test
    void msgwaitShorterThanTwiceTheWatchdogIsBadInput() {
        Args.Location at = new Args.Location(Path.of("play.yml"), 30, 9);
        assertThatThrownBy(() -> new SbdModule().validate(Map.of("device", DEV, "watchdog_timeout", 10,
                "msgwait_timeout", 15), at))
                .isInstanceOf(InputException.class)
                .hasMessage("play.yml:30:9: sbd: argument 'msgwait_timeout' must be at least twice watchdog_timeout (20 s), got 15");
        assertThatThrownBy(() -> new SbdModule().validate(Map.of("device", "/dev/sdb; reboot"), at))
                .hasMessageContaining("argument 'device' must be an absolute path");
    }
}
