package dev.duet.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.probe.LiveStatus;
import dev.duet.error.DuetException;
import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import org.junit.jupiter.api.Test;

class LiveStatusTest {
    private static final String PROC_84 = "version: 8.4.11 (api:1/proto:86-101)\nsrcversion: B536C32A3EADA868561EFD9 \n"
            + " 0: cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r-----\n"
            + "    ns:0 nr:0 dw:0 dr:0 al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
    private static final String UTILS_922 = "DRBDADM_API_VERSION=1\nDRBD_KERNEL_VERSION_CODE=0x08040b\n"
            + "DRBDADM_VERSION_CODE=0x091600\nDRBDADM_VERSION=9.22.0\n";
    private static final String EVENTS = "exists resource name:r0 role:Primary suspended:no\n"
            + "exists connection name:r0 peer-node-id:0 conn-name:peer connection:Connected role:Primary\n"
            + "exists device name:r0 volume:0 minor:0 disk:UpToDate\n"
            + "exists peer-device name:r0 peer-node-id:0 conn-name:peer volume:0 replication:Established "
            + "peer-disk:UpToDate resync-suspended:no\nexists -\n";

    @Test
    void the84LabUsesEvents2AndOnlyProbes() {
        var node = new ScriptedNode("node1").on("cat /proc/drbd", 0, PROC_84).on("drbdadm --version", 0, UTILS_922)
                .on("drbdsetup events2 --now", 0, EVENTS);
        LiveStatus.Result r = DrbdProbe.of(node).live();
        assertThat(r.source()).isEqualTo(LiveStatus.Source.EVENTS2);
        assertThat(r.status().device("r0").orElseThrow().peer().orElseThrow().role()).isEqualTo("Primary");
        assertThat(node.commands()).allMatch(Command::readOnly);
        assertThat(node.commands()).extracting(Command::line).doesNotContain("drbdsetup status --json");
    }

    @Test
    void aWholeEvents2DumpFromAKernelThatHasItIsTakenWithoutTheUtilsVersion() {
        var node = new ScriptedNode("node1");
        CommandResult proc = result("cat /proc/drbd", 0, PROC_84);
        var r = DrbdProbe.of(node).events2Answer(proc, result("drbdsetup events2 --now", 0, EVENTS));
        assertThat(r).isPresent();
        assertThat(r.get().source()).isEqualTo(LiveStatus.Source.EVENTS2);
        assertThat(r.get().status().device("r0").orElseThrow().peer().orElseThrow().role()).isEqualTo("Primary");
        assertThat(node.commands()).as("decided from the outputs in hand").isEmpty();
    }

    @Test
    void anEvents2AnswerIsNotTakenAloneFromAnOlderKernelAFailureOrADumpWithoutItsEnd() {
        var probe = DrbdProbe.of(new ScriptedNode("node1"));
        CommandResult events = result("drbdsetup events2 --now", 0, EVENTS);
        assertThat(probe.events2Answer(result("cat /proc/drbd", 0, "version: 8.4.5 (api:1/proto:86-101)\n"), events))
                .as("a kernel before 8.4.6").isEmpty();
        assertThat(probe.events2Answer(result("cat /proc/drbd", 1, ""), events)).as("no /proc/drbd").isEmpty();
        CommandResult proc = result("cat /proc/drbd", 0, PROC_84);
        assertThat(probe.events2Answer(proc, result("drbdsetup events2 --now", 20, ""))).as("failed").isEmpty();
        assertThat(probe.events2Answer(proc, result("drbdsetup events2 --now", 0, EVENTS.replace("exists -\n", ""))))
                .as("no `exists -`").isEmpty();
        assertThat(probe.events2Answer(proc, result("drbdsetup events2 --now", 0, "drbdsetup: something else\n")))
                .as("not events2").isEmpty();
    }

    private static CommandResult result(String line, int exit, String stdout) {
        return new CommandResult(Command.probe(line.split(" ")), exit, stdout, "", java.time.Duration.ZERO);
    }

    @Test
    void oldUtilsFallBackToDrbdadmStatusThenProc() {
        var node = new ScriptedNode("node2").on("cat /proc/drbd", 0, PROC_84)
                .on("drbdadm --version", 0, "DRBDADM_VERSION=8.9.2\n")
                .on("drbdadm status", 10, "", "r0: No such resource\n");
        LiveStatus.Result r = DrbdProbe.of(node).live();
        assertThat(r.source()).isEqualTo(LiveStatus.Source.PROC_DRBD);
        assertThat(r.status().version()).isEqualTo("8.4.11");
        assertThat(node.commands()).extracting(Command::line).doesNotContain("drbdsetup events2 --now");
    }

    @Test
    void drbd9UsesJsonWhenEvents2Fails() {
        var node = new ScriptedNode("n").on("cat /proc/drbd", 0, "version: 9.1.12 (api:2/proto:86-121)\n")
                .on("drbdadm --version", 0, "DRBDADM_VERSION=9.22.0\n")
                .on("drbdsetup events2 --now", 1, "", "boom\n")
                .on("drbdsetup status --json", 0, "[{\"name\":\"r0\",\"role\":\"Secondary\",\"devices\":"
                        + "[{\"volume\":0,\"minor\":1,\"disk-state\":\"UpToDate\"}],\"connections\":[]}]");
        LiveStatus.Result r = DrbdProbe.of(node).live();
        assertThat(r.source()).isEqualTo(LiveStatus.Source.STATUS_JSON);
        assertThat(r.status().devices()).hasSize(1);
    }

    @Test
    void noInterfaceIsACommandFailureNamingTheNode() {
        var node = new ScriptedNode("node1").on("cat /proc/drbd", 1, "", "cat: /proc/drbd: No such file\n")
                .on("drbdadm --version", 127, "", "not found\n").on("drbdadm status", 127, "", "not found\n");
        assertThatThrownBy(() -> DrbdProbe.of(node).live()).isInstanceOf(DuetException.class)
                .hasMessageStartingWith("node1: no DRBD status interface answered");
    }

    @Test
    void versionsCompareNumerically() {
        // LiveStatus chooses by DrbdVersion: events2 needs kernel >= 8.4.6 and utils >= 8.9.3, JSON needs 9
        assertThat(DrbdVersion.parse("8.4.11").withUtils("9.22.0").hasEvents2()).isTrue();
        assertThat(DrbdVersion.parse("8.4.5").withUtils("9.22.0").hasEvents2()).isFalse();
        assertThat(DrbdVersion.parse("9.0.6-1").is9()).isTrue();
        assertThat(DrbdVersion.parse("8.4.11").withUtils("8.10.0").hasEvents2()).isTrue();
        assertThat(DrbdVersion.parse("8.4.11").hasEvents2()).as("unknown utils").isFalse();
    }
}
