package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.ConnectedFakeHost;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Probe batches on the connection's kept shells ({@link ProbeShells}), against a scripted host. */
class SshNodeProbeShellTest {
    @RegisterExtension
    final ConnectedFakeHost ssh = new ConnectedFakeHost("node1");
    private final FakeSshHost host = ssh.host;
    private final SshNode node = ssh.node;

    private static final List<Command> STATUS = List.of(Command.probe("cat", "/proc/drbd"),
            Command.probe("drbdadm", "status", "r0"));

    @Test
    void batchesReuseOneShellAndEachAnswerIsItsOwn() {
        host.on("cat /proc/drbd", 0, "version: 8.4.11\n");
        host.on("drbdadm status", 10, "", "r0: No such resource\n");

        List<CommandResult> first = node.runAll(STATUS);
        List<CommandResult> second = node.runAll(STATUS);

        for (List<CommandResult> r : List.of(first, second)) {
            assertThat(r.get(0).stdout()).isEqualTo("version: 8.4.11\n");
            assertThat(r.get(0).exitCode()).isZero();
            assertThat(r.get(1).exitCode()).isEqualTo(10);
            assertThat(r.get(1).stderr()).isEqualTo("r0: No such resource\n");
        }
        assertThat(host.shells()).as("one kept shell served both batches").isEqualTo(1);
        assertThat(host.execs()).hasSize(2).allMatch(e -> e.startsWith("[batch] "));
    }

    @Test
    void aBatchThatOutlivesItsTimeoutIsReportedAsAnExecIsAndTheNextBatchGetsAFreshShell() {
        host.on("cat /proc/drbd", 0, "version: 8.4.11\n");
        // stuck beyond what the host's timeout can end: the shell never answers, whatever the timing
        host.on("drbdadm status", r -> FakeReply.hangUnkillable());
        // a batch's timeout is the longest of its probes'
        List<Command> hung = List.of(Command.probe("cat", "/proc/drbd").withTimeout(Duration.ofMillis(300)),
                Command.probe("drbdadm", "status", "r0").withTimeout(Duration.ofMillis(300)));
        RemoteTimeout quick = new RemoteTimeout(Duration.ofMillis(100), Duration.ofMillis(200));
        try (SshNode quickNode = new SshNode(host.endpoint(), host.sshOptions(), quick).connect()) {
            assertThatThrownBy(() -> quickNode.runAll(hung))
                    .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("node1")
                    .hasMessageContaining("drbdadm status r0")
                    .hasMessageContaining("termination NOT confirmed");

            host.on("drbdadm status", 0, "r0 role:Primary\n");
            List<CommandResult> after = quickNode.runAll(STATUS);
            assertThat(after.get(1).stdout()).isEqualTo("r0 role:Primary\n");
        }
        assertThat(host.shells()).as("the shell that did not answer is not reused").isEqualTo(2);
    }

    @Test
    void aConnectionLostUnderAShellIsReconnectedAndTheBatchReadAgain() {
        host.on("cat /proc/drbd", 0, "version: 8.4.11\n");
        host.on("drbdadm status", 0, "r0 role:Primary\n");
        node.runAll(STATUS);
        host.dropConnectionOn(line -> line.startsWith("drbdadm status"));

        List<CommandResult> r = node.runAll(STATUS);

        assertThat(r.get(1).stdout()).isEqualTo("r0 role:Primary\n");
        assertThat(host.sessions()).as("reconnected once").isEqualTo(2);
        assertThat(host.shells()).isEqualTo(2);
    }

    @Test
    void batchesAtOnceUseAtMostTwoShellsAndTheRestTheirOwnSessions() {
        host.latency(Duration.ofMillis(300));
        host.on("cat /proc/drbd", 0, "version: 8.4.11\n");
        host.on("drbdadm status", 0, "r0 role:Primary\n");
        List<CompletableFuture<List<CommandResult>>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(CompletableFuture.supplyAsync(() -> node.runAll(STATUS)));
        }

        for (CompletableFuture<List<CommandResult>> f : running) {
            assertThat(f.join().get(1).stdout()).isEqualTo("r0 role:Primary\n");
        }
        assertThat(host.shells()).isBetween(1, ProbeShells.MOST);
        assertThat(host.execs()).hasSize(4);
    }

    @Test
    void aHostWhoseShellCannotBeKeptAnswersBatchesOverTheirOwnSessionsAndIsNotAskedAgain() {
        host.withoutShells();
        host.on("cat /proc/drbd", 0, "version: 8.4.11\n");
        host.on("drbdadm status", 0, "r0 role:Primary\n");

        for (int i = 0; i < 3; i++) {
            assertThat(node.runAll(STATUS).get(1).stdout()).isEqualTo("r0 role:Primary\n");
        }
        assertThat(host.shells()).as("one attempt, then sessions of their own").isEqualTo(1);
        assertThat(host.execs()).hasSize(3);
    }
}
