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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MountStepTest {
    private static final String FINDMNT = "findmnt -n -o SOURCE,FSTYPE,OPTIONS --mountpoint /srv/shared";
    private static final String MOUNTINFO = "cat /proc/self/mountinfo";
    /** The lab's mountinfo line of the volume (node2), for tables built around it. */
    private static final String OCFS2_LINE = Ocfs2Captures.mountinfoMounted().lines()
            .filter(l -> l.contains(" /srv/shared ")).findFirst().orElseThrow();
    private static final String DEBIAN_FSTAB = """
            # /etc/fstab: static file system information.
            #
            # <file system> <mount point>   <type>  <options>       <dump>  <pass>
            UUID=5d3c1f7e-0c57-4d1e-9a38-8f6c2f0d1a2b /               ext4    errors=remount-ro 0       1
            /dev/vda5       none            swap    sw              0       0
            """;
    private static final String ENTRY = "/dev/drbd0 /srv/shared ocfs2 "
            + "noatime,_netdev,x-systemd.requires=o2cb.service,x-systemd.after=drbd.service 0 0";

    private static Step step(String state) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("path", "/srv/shared", "src", "/dev/drbd0",
                "fstype", "ocfs2", "state", state));
        return new MountModule().bind(new Args("mount", values, null));
    }

    private static ScriptedNode node(String fstab, boolean mounted) {
        ScriptedNode node = new ScriptedNode("node2").file("/etc/fstab", fstab)
                .on("stat -c", 0, "644 root:root\n")
                .on("systemctl daemon-reload", 0, "")
                .on("mkdir -p /srv/shared", 0, "")
                .on("mount -t ocfs2", 0, "")
                .on("umount /srv/shared", 0, "");
        return mounted
                ? node.on(MOUNTINFO, 0, Ocfs2Captures.mountinfoMounted()).on(FINDMNT, 0, Ocfs2Captures.findmntMounted())
                : node.on(MOUNTINFO, 0, Ocfs2Captures.mountinfoUnmounted()).on(FINDMNT, 1, "");
    }

    private static java.util.List<String> asked(ScriptedNode node) {
        return node.commands().stream().map(Command::line).toList();
    }

    @Test
    void mountedAddsTheFstabEntryKeepingOtherLinesThenMounts() {
        ScriptedNode node = node(DEBIAN_FSTAB, false);
        var ctx = TestContext.apply(node);
        Check check = step("mounted").check(ctx);
        assertThat(check.kind()).isEqualTo(Check.Kind.CHANGE);
        assertThat(check.message()).contains("/etc/fstab would be updated", "/srv/shared would be mounted");
        assertThat(check.diff()).contains("+" + ENTRY);

        assertThat(step("mounted").act(ctx, check)).isEqualTo(Done.changed(
                "updated /etc/fstab; mounted /srv/shared (/dev/drbd0, ocfs2)", check.diff()));
        assertThat(node.fileText("/etc/fstab")).isEqualTo(DEBIAN_FSTAB + ENTRY + "\n");
        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly(
                "systemctl daemon-reload", "mkdir -p /srv/shared",
                "mount -t ocfs2 -o noatime,_netdev /dev/drbd0 /srv/shared");
    }

    @Test
    void mountedAndListedIsOkEvenWithHandAlignedWhitespace() {
        String handWritten = DEBIAN_FSTAB + ENTRY.replace(" ", "\t") + "\n";
        ScriptedNode node = node(handWritten, true);
        Check check = step("mounted").check(TestContext.apply(node));
        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(check.message()).isEqualTo("/srv/shared mounted and in /etc/fstab");
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void planShowsTheDiffAndTouchesNothing() {
        ScriptedNode node = node(DEBIAN_FSTAB, false);
        Check check = step("mounted").check(TestContext.plan(node));
        assertThat(check.kind()).isEqualTo(Check.Kind.CHANGE);
        assertThat(check.diff()).contains("+" + ENTRY);
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void unmountedByHandIsOnlyMountedAgain() {
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", false);
        var ctx = TestContext.apply(node);
        Check check = step("mounted").check(ctx);
        assertThat(check.message()).isEqualTo("/srv/shared would be mounted (/dev/drbd0, ocfs2)");
        assertThat(step("mounted").act(ctx, check)).isEqualTo(Done.changed("mounted /srv/shared (/dev/drbd0, ocfs2)"));
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).extracting(Command::line)
                .containsExactly("mkdir -p /srv/shared", "mount -t ocfs2 -o noatime,_netdev /dev/drbd0 /srv/shared");
    }

    @Test
    void removedFstabEntryIsOnlyWrittenBack() {
        ScriptedNode node = node(DEBIAN_FSTAB, true);
        var ctx = TestContext.apply(node);
        Check check = step("mounted").check(ctx);
        assertThat(check.message()).isEqualTo("/etc/fstab would be updated");
        assertThat(step("mounted").act(ctx, check)).isEqualTo(Done.changed("updated /etc/fstab", check.diff()));
        assertThat(node.writes()).containsExactly("/etc/fstab");
        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly("systemctl daemon-reload");
    }

    @Test
    void changedOptionsReplaceTheEntryInPlace() {
        String old = DEBIAN_FSTAB.replace("/dev/vda5", "/dev/drbd0 /srv/shared ocfs2 defaults 0 0\n/dev/vda5");
        ScriptedNode node = node(old, true);
        var ctx = TestContext.apply(node);
        step("present").act(ctx, step("present").check(ctx));
        assertThat(node.fileText("/etc/fstab")).isEqualTo(DEBIAN_FSTAB.replace("/dev/vda5", ENTRY + "\n/dev/vda5"));
    }

    @Test
    void somethingElseMountedThereIsRefused() {
        ScriptedNode node = node(DEBIAN_FSTAB, false).on(FINDMNT, 0, "/dev/vdc ext4   rw,relatime\n")
                .on("readlink -f /dev/drbd0", 0, "/dev/drbd0\n");
        assertThatThrownBy(() -> step("mounted").check(TestContext.apply(node)))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION))
                .hasMessageContaining("node2: /srv/shared has /dev/vdc (ext4) mounted, expected /dev/drbd0 (ocfs2)");
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void somethingElseInTheMountTableIsRefusedWithTheSameWords() {
        String table = Ocfs2Captures.mountinfoUnmounted()
                + "213 27 254:32 / /srv/shared rw,relatime shared:113 - ext4 /dev/vdc rw\n";
        ScriptedNode node = node(DEBIAN_FSTAB, false).on(MOUNTINFO, 0, table)
                .on("readlink -f /dev/drbd0", 0, "/dev/drbd0\n");
        assertThatThrownBy(() -> step("mounted").check(TestContext.apply(node)))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION))
                .hasMessageContaining("node2: /srv/shared has /dev/vdc (ext4) mounted, expected /dev/drbd0 (ocfs2)");
        assertThat(asked(node)).as("the mount table answered").noneMatch(c -> c.startsWith("findmnt"));
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void mountedInTheMountTableIsOkWithoutStartingFindmnt() {
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", true);
        Step mounted = step("mounted");
        var ctx = TestContext.apply(node);
        assertThat(mounted.likelyReads(ctx).probes()).extracting(Command::line).containsExactly(MOUNTINFO);
        assertThat(mounted.check(ctx).message()).isEqualTo("/srv/shared mounted and in /etc/fstab");
        assertThat(asked(node)).contains(MOUNTINFO).noneMatch(c -> c.startsWith("findmnt"));
    }

    @Test
    void anEscapedMountPointIsComparedUnescaped() {
        // Args refuse spaces in a playbook's path; the step itself compares whatever path it is given
        MountStep step = new MountStep(new FstabEntry("/dev/drbd0", "/srv/my share", "ocfs2", "noatime", "0", "0"),
                MountStep.State.UNMOUNTED);
        ScriptedNode node = new ScriptedNode("node2").on(MOUNTINFO, 0, Ocfs2Captures.mountinfoUnmounted()
                + OCFS2_LINE.replace(" /srv/shared ", " /srv/my\\040share ") + "\n");
        assertThat(step.check(TestContext.plan(node)).message()).isEqualTo("/srv/my share would be unmounted");
        assertThat(asked(node)).containsExactly(MOUNTINFO);
    }

    @Test
    void aBindMountOfASubdirectoryIsLeftToFindmnt() {
        String table = Ocfs2Captures.mountinfoUnmounted() + OCFS2_LINE.replace(" / /srv/shared ", " /sub /srv/shared ")
                + "\n";
        assertFindmntRefuses(table, false, "/dev/drbd0[/sub] ocfs2  rw,noatime\n",
                "/srv/shared has /dev/drbd0[/sub] (ocfs2) mounted");
    }

    @Test
    void stackedMountsAreLeftToFindmnt() {
        String table = Ocfs2Captures.mountinfoMounted() + "300 213 0:50 / /srv/shared rw,relatime - tmpfs tmpfs rw\n";
        assertFindmntRefuses(table, true, "tmpfs  tmpfs  rw,relatime\n", "/srv/shared has tmpfs (tmpfs) mounted");
    }

    /** The table cannot answer, findmnt is asked and shows something else mounted: the check refuses. */
    private void assertFindmntRefuses(String table, boolean mounted, String findmnt, String refusal) {
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", mounted).on(MOUNTINFO, 0, table)
                .on(FINDMNT, 0, findmnt)
                .on("readlink -f /dev/drbd0", 0, "/dev/drbd0\n");
        assertThatThrownBy(() -> step("mounted").check(TestContext.apply(node))).hasMessageContaining(refusal);
        assertThat(asked(node)).contains(FINDMNT);
    }

    @Test
    void noEntryAtThatSpellingIsLeftToFindmntWhichResolvesSymlinks() {
        // /srv/shared a symlink to /data/shared: the table only has the real path, findmnt resolves ours
        String table = Ocfs2Captures.mountinfoUnmounted() + OCFS2_LINE.replace(" /srv/shared ", " /data/shared ");
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", false).on(MOUNTINFO, 0, table + "\n")
                .on(FINDMNT, 0, Ocfs2Captures.findmntMounted());
        assertThat(step("mounted").check(TestContext.apply(node)).kind()).isEqualTo(Check.Kind.OK);
        assertThat(asked(node)).contains(FINDMNT);
    }

    @Test
    void aFailedReadIsLeftToFindmnt() {
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", true)
                .on(MOUNTINFO, 1, "", "cat: /proc/self/mountinfo: Permission denied\n").on(FINDMNT, 1, "");
        assertThat(step("mounted").check(TestContext.apply(node)).message())
                .isEqualTo("/srv/shared would be mounted (/dev/drbd0, ocfs2)");
        assertThat(asked(node)).contains(FINDMNT);
    }

    @Test
    void aMalformedTableIsUnknownNotEmpty() {
        // the table shows our mount, but one line does not parse: findmnt, not the rest of the table, decides
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", true)
                .on(MOUNTINFO, 0, Ocfs2Captures.mountinfoMounted() + "214 27 147:1 / /srv/other rw\n")
                .on(FINDMNT, 1, "");
        assertThat(step("mounted").check(TestContext.apply(node)).message())
                .isEqualTo("/srv/shared would be mounted (/dev/drbd0, ocfs2)");
        assertThat(asked(node)).contains(FINDMNT);
    }

    @Test
    void aMountThatAppearsBeforeTheActHalfIsNotMountedTwice() {
        var mounted = new java.util.concurrent.atomic.AtomicBoolean();
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", false)
                .on(MOUNTINFO, c -> ScriptedNode.result(c, 0, mounted.get() ? Ocfs2Captures.mountinfoMounted()
                        : Ocfs2Captures.mountinfoUnmounted(), ""))
                .on(FINDMNT, c -> mounted.get() ? ScriptedNode.result(c, 0, Ocfs2Captures.findmntMounted(), "")
                        : ScriptedNode.result(c, 1, "", ""));
        var ctx = TestContext.apply(node);
        Check check = step("mounted").check(ctx);
        assertThat(check.message()).isEqualTo("/srv/shared would be mounted (/dev/drbd0, ocfs2)");
        mounted.set(true);
        int before = node.commands().size();
        assertThat(step("mounted").act(ctx, check)).isEqualTo(Done.unchanged("/srv/shared mounted and in /etc/fstab"));
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(asked(node).subList(before, asked(node).size())).as("the act half reads the table as the check did")
                .contains(MOUNTINFO).noneMatch(c -> c.startsWith("findmnt"));
    }

    @Test
    void absentUnmountsAndRemovesOnlyItsEntry() {
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", true);
        var ctx = TestContext.apply(node);
        assertThat(step("absent").act(ctx, step("absent").check(ctx)).message())
                .isEqualTo("unmounted /srv/shared; updated /etc/fstab");
        assertThat(node.fileText("/etc/fstab")).isEqualTo(DEBIAN_FSTAB);
        assertThat(node.mutatingCommands()).extracting(Command::line)
                .containsExactly("umount /srv/shared", "systemctl daemon-reload");
    }

    @Test
    void unmountedLeavesFstabAlone() {
        ScriptedNode node = node(DEBIAN_FSTAB + ENTRY + "\n", true);
        var ctx = TestContext.apply(node);
        assertThat(step("unmounted").act(ctx, step("unmounted").check(ctx)))
                .isEqualTo(Done.changed("unmounted /srv/shared"));
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly("umount /srv/shared");
    }

    @Test
    void bootOrderOptionsAreAddedForOcfs2Only() {
        var module = new MountModule();
        MountStep ext4 = (MountStep) module.bind(new Args("mount", Map.of("path", "/srv", "src", "LABEL=data",
                "fstype", "ext4", "opts", "noatime"), null));
        ScriptedNode node = node("", false).on("findmnt -n -o SOURCE,FSTYPE,OPTIONS --mountpoint /srv", 1, "");
        var ctx = TestContext.plan(node);
        assertThat(ext4.check(ctx).diff()).contains("+LABEL=data /srv ext4 noatime 0 0").doesNotContain("x-systemd");
        MountStep own = (MountStep) module.bind(new Args("mount", Map.of("path", "/srv/shared", "src", "/dev/drbd0",
                "opts", "noatime,_netdev,x-systemd.after=network-online.target"), null));
        assertThat(own.check(TestContext.plan(node(DEBIAN_FSTAB, false))).diff())
                .contains("noatime,_netdev,x-systemd.after=network-online.target,x-systemd.requires=o2cb.service,"
                        + "x-systemd.after=drbd.service 0 0");
    }

    @Test
    void argumentsAreCheckedAtLoadTime() {
        var where = new Args.Location(Path.of("play.yml"), 40, 5);
        var module = new MountModule();
        assertThatThrownBy(() -> module.validate(Map.of("path", "/mnt/o cfs2"), where))
                .isInstanceOf(InputException.class).hasMessageContaining("play.yml:40:5");
        assertThatThrownBy(() -> module.validate(Map.of("path", "/srv/shared", "opts", "noatime;reboot"), where))
                .isInstanceOf(InputException.class).hasMessageContaining("opts");
        assertThatThrownBy(() -> module.validate(Map.of("path", "/srv/shared", "src", "LABEL=$(id)"), where))
                .isInstanceOf(InputException.class).hasMessageContaining("src");
        assertThatThrownBy(() -> module.validate(Map.of("path", "/srv/shared", "state", "remounted"), where))
                .isInstanceOf(InputException.class).hasMessageContaining("state");
        module.validate(Map.of("path", "{{ mount_point }}", "src", "{{ drbd_device }}"), where);
    }
}
