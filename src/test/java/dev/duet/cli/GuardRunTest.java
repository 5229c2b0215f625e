package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.engine.Facts;
import dev.duet.error.Reason;
import dev.duet.testing.Captures;
import dev.duet.testing.ScriptedNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Refusals of whole runs: nothing mutating reaches either host, the failure says why. */
class GuardRunTest {
    @TempDir
    Path dir;

    private static ScriptedNode drbdNode(String name, String uname, String status, String cstate, String dmesg) {
        var n = new ScriptedNode(name);
        ScriptedPairRun.withFacts(n);
        // the gathered facts print the node name uname -n prints too, as on a real host
        n.on(Facts.COMMAND.line(), 0, uname + "\n6.1.0-27-amd64\ndebian\n\n12\n");
        n.on("uname -n", 0, uname + "\n");
        if (status == null) {
            n.on("drbdsetup status r0", 127, "", "sh: drbdsetup: not found");
        } else {
            n.on("drbdsetup status r0", 0, status);
        }
        // A split brain with writes on both sides: /proc/drbd counts 4 MiB out of sync since the split.
        String proc = Captures.output("proc_drbd__disconnected_standalone__node2").replace("oos:0", "oos:4096");
        n.on("drbdadm cstate r0", 0, cstate + "\n").on("sh -c 'dmesg", 0, dmesg).on("cat /proc/drbd", 0, proc);
        // The later tasks' checks are read ahead before the preflight refuses: read-only probes, answered as
        // on a host without the tools (the assertions below still see every command, mutating or not).
        return n.on("", 127, "", "sh: not found");
    }

    private static Map<String, ScriptedNode> pair(ScriptedNode a, ScriptedNode b) {
        var m = new LinkedHashMap<String, ScriptedNode>();
        m.put(a.name(), a);
        m.put(b.name(), b);
        return m;
    }

    @Test
    void applyOnASplitBrainedPairIsRefusedBeforeAnythingChanges() {
        String standAlone = Captures.output("drbdsetup_status_verbose__disconnected_standalone__node2");
        var n1 = drbdNode("node1", "node1", standAlone.replace("role:Secondary", "role:Primary"), "StandAlone", "");
        var n2 = drbdNode("node2", "node2", standAlone, "StandAlone",
                "block drbd0: Split-Brain detected but unresolved, dropping connection!\n");
        var run = new ScriptedPairRun().run(dir, pair(n1, n2), false, p -> p);
        assertThat(run.recap.exitCode()).isEqualTo(2);
        assertThat(run.failed()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(Reason.SPLIT_BRAIN);
            assertThat(r.task()).startsWith("Preflight");
            assertThat(r.message()).contains("node1 [", "node2 [", "StandAlone", "duet recover --discard NODE");
        });
        assertThat(n1.mutatingCommands()).isEmpty();
        assertThat(n2.mutatingCommands()).isEmpty();
        assertThat(n1.writes()).isEmpty();
        assertThat(n2.writes()).isEmpty();
    }

    @Test
    void hostnameNotMatchingTheOnNameIsRefusedBeforeThePackageInstall() {
        var n1 = drbdNode("node1", "node1", null, "", "");
        var n2 = drbdNode("node2", "debian", null, "", "");
        var run = new ScriptedPairRun().run(dir, pair(n1, n2), false, p -> p);
        assertThat(run.recap.exitCode()).isEqualTo(2);
        assertThat(run.failed()).isNotEmpty().allSatisfy(r ->
                assertThat(r.message()).contains("node2: `uname -n` is 'debian'", "nothing was changed"));
        assertThat(n1.mutatingCommands()).isEmpty();
        assertThat(n2.mutatingCommands()).isEmpty();
        // the install's check may have been read ahead (dpkg-query); nothing installed anything
        assertThat(n1.commands()).noneMatch(c -> c.line().contains("apt"))
                .filteredOn(c -> c.line().contains("dpkg")).allMatch(c -> c.readOnly() && c.line().startsWith("dpkg-query -W"));
    }

    private int cli(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return cl.execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void metacharactersInALiteralResourceNameAreRejectedAtLoadWithTheirLocation() throws Exception {
        String text = Files.readString(ScriptedPairRun.PLAYBOOK)
                .replace("      drbd_up:\n        resource: \"{{ drbd_resource }}\"",
                        "      drbd_up:\n        resource: \"r0; reboot\"");
        assertThat(text).contains("r0; reboot");
        Path playbook = Files.writeString(dir.resolve("bad.yml"), text);
        var err = new StringWriter();
        int exit = cli(err, "plan", "-i", ScriptedPairRun.inventory(dir).toString(), playbook.toString());
        assertThat(exit).isEqualTo(4);
        assertThat(err.toString()).containsPattern("bad\\.yml:\\d+:\\d+").contains("resource", "r0; reboot");
    }

    @Test
    void recoverRefusesAVictimThatIsNotAHostOfThePlay() {
        var err = new StringWriter();
        int exit = cli(err, "recover", "--discard", "node9", "-i", ScriptedPairRun.inventory(dir).toString(),
                ScriptedPairRun.PLAYBOOK.toString());
        assertThat(exit).isEqualTo(4);
        assertThat(err.toString()).contains("--discard node9 is not a host of play", "node1, node2");
    }

    @Test
    void recoverRequiresTheVictimToBeNamed() {
        var err = new StringWriter();
        int exit = cli(err, "recover", "-i", ScriptedPairRun.inventory(dir).toString(),
                ScriptedPairRun.PLAYBOOK.toString());
        assertThat(exit).isEqualTo(4);
        assertThat(err.toString()).contains("--discard");
    }
}
