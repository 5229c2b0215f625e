package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A command that outlives its timeout is ended on the host by the remote timeout, and the error says so. */
class SshNodeTimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    private FakeSshHost host;

    @BeforeEach
    void start() {
        host = FakeSshHost.start("node1");
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void hungCommandIsTerminatedOnTheHostAndTheErrorSaysSo() {
        host.on("mkfs.ocfs2", r -> FakeReply.hang());
        try (SshNode node = host.connect()) {
            assertThatThrownBy(() -> node.run(Command.change("mkfs.ocfs2", "-N", "2", "/dev/drbd0").withTimeout(SHORT)))
                    .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("node1")
                    .hasMessageContaining("`mkfs.ocfs2 -N 2 /dev/drbd0`")
                    .hasMessageContaining("within 300 ms")
                    .hasMessageContaining("terminated on node1")
                    .hasMessageContaining("termination confirmed");

            assertThat(host.terminated()).as("ended on the host").containsExactly("mkfs.ocfs2 -N 2 /dev/drbd0");
            assertThat(host.requests()).singleElement().satisfies(r -> {
                assertThat(r.rawLine()).isEqualTo("timeout -k 5s 0.300s mkfs.ocfs2 -N 2 /dev/drbd0");
                assertThat(r.remoteTimeout()).isEqualTo(SHORT);
            });
            host.on("true", 0, "");
            assertThat(node.run(Command.probe("true")).exitCode()).as("connection still usable").isZero();
        }
    }

    @Test
    void becomeRunsTheRemoteTimeoutInsideSudoSoItCanSignalRootsProcesses() {
        host.on("drbdadm wait-connect", r -> FakeReply.hang());
        try (SshNode deploy = new SshNode(host.endpoint("deploy"), host.sshOptions().withBecome(true)).connect()) {
            assertThatThrownBy(() -> deploy.run(Command.probe("drbdadm", "wait-connect", "r0").withTimeout(SHORT)))
                    .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("termination confirmed");
        }
        assertThat(host.requests()).singleElement().satisfies(r -> {
            assertThat(r.rawLine()).isEqualTo("sudo -n -- timeout -k 5s 0.300s drbdadm wait-connect r0");
            assertThat(r.viaSudo()).isTrue();
            assertThat(r.line()).isEqualTo("drbdadm wait-connect r0");
        });
        assertThat(host.terminated()).containsExactly("drbdadm wait-connect r0");
    }

    @Test
    void aCommandTheHostCannotEndIsReportedAsPossiblyStillRunning() {
        host.on("drbdadm down", r -> FakeReply.hangUnkillable());
        RemoteTimeout quick = new RemoteTimeout(Duration.ofMillis(100), Duration.ofMillis(200));
        try (SshNode node = new SshNode(host.endpoint(), host.sshOptions(), quick).connect()) {
            assertThatThrownBy(() -> node.run(Command.change("drbdadm", "down", "r0").withTimeout(SHORT)))
                    .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("node1")
                    .hasMessageContaining("`drbdadm down r0`")
                    .hasMessageContaining("termination NOT confirmed")
                    .hasMessageContaining("may still be running")
                    .hasMessageContaining("pgrep -af drbdadm")
                    .hasMessageNotContaining("termination confirmed");
        }
        assertThat(host.terminated()).isEmpty();
    }

    @Test
    void exit124BeforeTheDeadlineIsAnOrdinaryResult() {
        host.on("drbdadm adjust", 124, "", "its own 124\n");
        try (SshNode node = host.connect()) {
            CommandResult r = node.run(Command.change("drbdadm", "adjust", "r0"));

            assertThat(r.exitCode()).isEqualTo(124);
            assertThat(r.stderr()).isEqualTo("its own 124\n");
        }
        assertThat(host.terminated()).isEmpty();
    }

    @Test
    void theConfiguredCommandTimeoutIsWhatTheHostEnforces() {
        host.on("true", 0, "");
        try (SshNode node = new SshNode(host.endpoint(), host.sshOptions().withCommandTimeout(Duration.ofSeconds(42)))
                .connect()) {
            node.run(Command.probe("true"));
            node.run(Command.probe("true").withTimeout(Duration.ofMillis(1500)));
        }
        assertThat(host.requests()).extracting(r -> r.rawLine())
                .containsExactly("timeout -k 5s 42s true", "timeout -k 5s 1.500s true");
    }
}
