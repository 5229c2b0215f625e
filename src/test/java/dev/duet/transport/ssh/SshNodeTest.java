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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SshNodeTest {
    @RegisterExtension
    final ConnectedFakeHost ssh = new ConnectedFakeHost("node1");
    private final FakeSshHost host = ssh.host;
    private final SshNode node = ssh.node;

    @Test
    void runsCommandAndReportsExitCodeStdoutAndStderr() {
        host.on("drbdadm status", 10, "out\n", "r0: No such resource\n");

        CommandResult r = node.run(Command.probe("drbdadm", "status", "r0"));

        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("r0: No such resource\n");
        assertThat(host.commands()).containsExactly("drbdadm status r0");
    }

    @Test
    void argvIsQuotedForTheRemoteShell() {
        host.on("echo", r -> FakeReply.ok(String.join("|", r.argv())));

        CommandResult r = node.run(Command.probe("echo", "a b", "it's"));

        assertThat(r.stdout()).isEqualTo("echo|a b|it's");
    }

    @Test
    void stdinReachesTheCommand() {
        host.on("drbdadm create-md", r -> FakeReply.ok("got " + r.stdin()));

        CommandResult r = node.run(Command.change("drbdadm", "create-md", "r0").withSecretStdin("s3cret\n"));

        assertThat(r.stdout()).isEqualTo("got s3cret\n");
    }

    @Test
    void stdinIsClosedWhenThereIsNone() {
        host.on("cat", r -> FakeReply.ok("[" + r.stdin() + "]"));

        assertThat(node.run(Command.probe("cat")).stdout()).isEqualTo("[]");
    }

    @Test
    void utf8OutputSurvives() {
        host.on("hostname", 0, "nœud-ü\n");

        assertThat(node.run(Command.probe("hostname")).stdout()).isEqualTo("nœud-ü\n");
    }

    @Test
    void manyCommandsShareOneConnection() {
        host.on("true", 0, "");
        for (int i = 0; i < 5; i++) {
            assertThat(node.run(Command.probe("true")).exitCode()).isZero();
        }
        assertThat(host.commands()).hasSize(5);
    }

    @Test
    void becomeWrapsCommandsInSudoForNonRootUsers() {
        host.on("id -u", 0, "0\n");
        try (SshNode deploy = new SshNode(host.endpoint("deploy"), host.sshOptions().withBecome(true)).connect()) {
            deploy.run(Command.probe("id", "-u"));
        }
        assertThat(host.requests()).singleElement().satisfies(r -> {
            assertThat(r.rawLine()).isEqualTo("sudo -n -- timeout -k 5s 300s id -u");
            assertThat(r.line()).isEqualTo("id -u");
            assertThat(r.user()).isEqualTo("deploy");
        });
    }

    @Test
    void becomeIsNotAppliedForRoot() {
        host.on("id -u", 0, "0\n");
        try (SshNode root = new SshNode(host.endpoint("root"), host.sshOptions().withBecome(true)).connect()) {
            root.run(Command.probe("id", "-u"));
        }
        assertThat(host.requests()).singleElement().satisfies(r -> {
            assertThat(r.rawLine()).isEqualTo("timeout -k 5s 300s id -u");
            assertThat(r.viaSudo()).isFalse();
        });
    }

    @Test
    void commandTimeoutIsReportedAndConnectionStaysUsable() {
        host.on("drbdadm wait-connect", r -> FakeReply.hang());

        assertThatThrownBy(() -> node.run(Command.probe("drbdadm", "wait-connect", "r0")
                .withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("node1")
                .hasMessageContaining("drbdadm wait-connect r0");

        host.on("true", 0, "");
        assertThat(node.run(Command.probe("true")).exitCode()).as("connection still usable").isZero();
    }

    @Test
    void droppedConnectionIsReconnectedOnceAndTheCommandRetried() {
        host.on("systemctl is-active", 0, "active\n");
        host.dropConnectionOn(line -> line.startsWith("systemctl"));

        CommandResult r = node.run(Command.probe("systemctl", "is-active", "drbd"));

        assertThat(r.stdout()).isEqualTo("active\n");
        assertThat(host.commands()).containsExactly("systemctl is-active drbd", "systemctl is-active drbd");
    }

    @Test
    void droppedTwiceIsUnreachable() {
        host.on("systemctl is-active", 0, "active\n");
        host.dropConnectionAlways(line -> line.startsWith("systemctl"));

        assertThatThrownBy(() -> node.run(Command.probe("systemctl", "is-active", "drbd")))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("node1")
                .hasMessageContaining("127.0.0.1:" + host.port());
        assertThat(host.commands()).hasSize(2);
    }

    @Test
    void stoppedHostIsUnreachable() {
        host.stop();

        assertThatThrownBy(() -> node.run(Command.probe("true")))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("node1")
                .hasMessageContaining("127.0.0.1:" + host.port());
    }

    @Test
    void hostThatComesBackIsReconnected() {
        host.on("true", 0, "");
        host.stop();
        host.restart();

        assertThat(node.run(Command.probe("true")).exitCode()).isZero();
    }

    @Test
    void readFileOfMissingFileIsEmpty() {
        assertThat(node.readFile("/etc/drbd.d/r0.res")).isEmpty();
    }

    @Test
    void writeThenReadRoundTripWithMode() {
        byte[] content = "resource r0 {\n}\n".getBytes(StandardCharsets.UTF_8);

        node.writeFile("/etc/drbd.d/r0.res", content, "0640", null);

        assertThat(host.fileText("/etc/drbd.d/r0.res")).isEqualTo("resource r0 {\n}\n");
        assertThat(host.mode("/etc/drbd.d/r0.res")).isEqualTo("0640");
        assertThat(host.mode("/etc/drbd.d")).as("created parent").isEqualTo("0755");
        assertThat(node.readFile("/etc/drbd.d/r0.res")).hasValue(content);
        assertThat(host.list("/etc/drbd.d")).containsExactly("r0.res");
    }

    @Test
    void writeReplacesAnExistingFileAndKeepsItsModeWhenNoneGiven() throws Exception {
        host.file("/etc/hosts", "old\n");
        java.nio.file.Files.setPosixFilePermissions(host.path("/etc/hosts"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));

        node.writeFile("/etc/hosts", "new\n".getBytes(StandardCharsets.UTF_8), null, null);

        assertThat(host.fileText("/etc/hosts")).isEqualTo("new\n");
        assertThat(host.mode("/etc/hosts")).isEqualTo("0640");
        assertThat(host.list("/etc")).containsExactly("hosts");
    }

    @Test
    void writeWithOwnerChownsTheTempFileBeforeTheRename() {
        node.writeFile("/etc/ocfs2/cluster.conf", "cluster:\n".getBytes(StandardCharsets.UTF_8), "0644", "root:root");

        assertThat(host.commands()).hasSize(3);
        assertThat(host.commands().get(0)).startsWith("chown root:root /etc/ocfs2/.duet-tmp-");
        assertThat(host.commands().get(1)).as("data on disk before the rename").startsWith("sync -- /etc/ocfs2/.duet-tmp-");
        assertThat(host.commands().get(2)).as("the rename on disk before success").isEqualTo("sync -- /etc/ocfs2");
        assertThat(host.fileText("/etc/ocfs2/cluster.conf")).isEqualTo("cluster:\n");
        assertThat(host.list("/etc/ocfs2")).containsExactly("cluster.conf");
    }

    @Test
    void failedChownLeavesTargetUntouchedAndNoTempFile() {
        host.file("/etc/ocfs2/cluster.conf", "old\n");
        host.on("chown", 1, "", "chown: invalid user: 'nobody-here'\n");

        assertThatThrownBy(() -> node.writeFile("/etc/ocfs2/cluster.conf", "new\n".getBytes(StandardCharsets.UTF_8),
                "0644", "nobody-here"))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("invalid user");
        assertThat(host.fileText("/etc/ocfs2/cluster.conf")).isEqualTo("old\n");
        assertThat(host.list("/etc/ocfs2")).containsExactly("cluster.conf");
    }

    @Test
    void badModeIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> node.writeFile("/etc/x", new byte[0], "rw-r--r--", null))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("rw-r--r--");
        assertThat(host.list("/etc")).isEmpty();
    }
}
