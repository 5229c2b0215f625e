package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.engine.Facts;
import dev.duet.ocfs2.BlockSignature;
import dev.duet.testing.Captures;
import dev.duet.testing.FakeSshHost;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code duet plan playbooks/dual-primary-ocfs2.yml} on two fresh Debian nodes behind embedded SSH. */
class DualPrimaryPlanOverSshTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    static void fresh(FakeSshHost h) {
        h.file("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        h.on("uname -n", 0, h.name() + "\n");
        h.on("dpkg-query ", 1, "", "dpkg-query: no packages found matching drbd-utils\n");
        h.on("cat /proc/drbd", 1, "", "cat: /proc/drbd: No such file or directory\n");
        h.on("drbdadm", 127, "", "sh: 1: drbdadm: not found\n");
        h.on("drbdsetup", 127, "", "sh: 1: drbdsetup: not found\n");
        h.on("cat /proc/self/mountinfo", 0, Captures.output("proc_self_mountinfo__unmounted__node1"));
        h.on("findmnt ", 1, "");
        h.on(BlockSignature.command("/dev/vdb").line(), 2, "");
        h.on(BlockSignature.command("/dev/drbd0").line(), 64, "", "/dev/drbd0: No such block device\n");
        h.on("modinfo ", 1, "", "modinfo: ERROR: Module drbd not found.\n");
        h.on("systemctl is-enabled o2cb", 1, "", "Failed to get unit file state for o2cb.service: No such file or directory\n");
        h.on("systemctl is-enabled drbd", 1, "", "Failed to get unit file state for drbd.service: No such file or directory\n");
        h.on("o2cb ", 127, "", "sh: 1: o2cb: not found\n");
    }

    /** The probes the check halves of the playbook send on fresh nodes: all read-only by their nature. */
    static final List<String> PROBES = List.of(Facts.COMMAND.line(), "uname -n", "dpkg-query -W ", "drbdsetup status r0 ",
            "cat /proc/drbd", "modinfo -F version drbd", "drbdadm --version", "drbdadm dump-md r0",
            // drbdadm's dry run (-d prints what adjust would do): drbd_resource names it as a likely read
            "drbdadm -d adjust r0",
            "systemctl is-enabled o2cb", "systemctl is-enabled drbd", "o2cb cluster-status ",
            "cat /proc/self/mountinfo", "findmnt -n ",
            BlockSignature.command("/dev/vdb").line(), BlockSignature.command("/dev/drbd0").line(),
            // a managed file's mode/owner and content, read in one batch (base64 encodes to stdout, writes nothing)
            "stat -c '%a %U:%G' ", "base64 -w 0 -- ");

    @Test
    void everyStepWouldChangeAndNoMutatingCommandIsSent() {
        pair.both().forEach(DualPrimaryPlanOverSshTest::fresh);
        Map<String, Object> hosts = new LinkedHashMap<>();
        int i = 1;
        for (FakeSshHost h : pair.both()) {
            Map<String, Object> vars = new LinkedHashMap<>(h.inventoryVars());
            vars.put("replication_address", "10.20.0." + i++);
            vars.put("drbd_disk", "/dev/vdb");
            hosts.put(h.name(), vars);
        }
        Path inv = FakePair.writeInventory(dir, "drbd_pair", hosts);

        CliRun plan = CliRun.of("plan", "-i", inv.toString(), Path.of("playbooks/dual-primary-ocfs2.yml").toString());

        assertThat(plan.exit()).as(plan.toString()).isZero();
        int tasks = 11;
        assertThat(plan.recap("node1", "changed")).as(plan.toString()).isEqualTo(tasks);
        assertThat(plan.recap("node2", "changed")).as("the filesystem is made on node1 only").isEqualTo(tasks - 1);
        for (FakeSshHost h : pair.both()) {
            // Ansible's ok= counts changed tasks too: fact gathering and the read-only preflight are the unchanged ones
            assertThat(plan.recap(h.name(), "ok") - plan.recap(h.name(), "changed"))
                    .as("only fact gathering and the read-only preflight are ok").isEqualTo(2);
            assertThat(plan.recap(h.name(), "failed")).isZero();
            assertThat(h.commands()).as(h.name()).isNotEmpty().allSatisfy(c -> assertThat(PROBES)
                    .as("`%s` is not one of the read-only probes", c).anySatisfy(p -> assertThat(c).startsWith(p)));
            assertThat(h.list("/")).containsExactly("etc", "tmp");
            assertThat(h.list("/etc")).containsExactly("os-release");
        }
        assertThat(plan.out()).contains("+resource r0 {", "would run `drbdadm up r0`", "would install drbd-utils, ocfs2-tools");
    }
}
