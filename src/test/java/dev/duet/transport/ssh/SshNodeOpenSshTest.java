package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.OpenSshServer;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SshNode against Debian's real sshd (internal-sftp), started by the test on a free 127.0.0.1 port. */
class SshNodeOpenSshTest {
    private static OpenSshServer sshd;
    private static SshNode node;

    @BeforeAll
    static void start() {
        sshd = OpenSshServer.start("real1");
        node = sshd.connect();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void runsCommandsWithExitCodeStderrAndStdin() {
        CommandResult r = node.run(Command.probeScript("echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");

        assertThat(node.run(Command.probe("cat").withStdin("hello\n")).stdout()).isEqualTo("hello\n");
        assertThat(node.run(Command.probe("printf", "%s|", "a b", "it's")).stdout()).isEqualTo("a b|it's|");
    }

    @Test
    void writesAndReadsFilesOverSftpAtomically() throws Exception {
        String path = sshd.scratch().resolve("etc/ocfs2/cluster.conf").toString();

        node.writeFile(path, "cluster:\n\tname = duet\n".getBytes(StandardCharsets.UTF_8), "0640", null);
        node.writeFile(path, "cluster:\n\tname = pair\n".getBytes(StandardCharsets.UTF_8), "0644", null);

        Path local = Path.of(path);
        assertThat(Files.readString(local)).isEqualTo("cluster:\n\tname = pair\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.getParent()))).isEqualTo("rwxr-xr-x");
        try (var files = Files.list(local.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cluster.conf");
        }
        assertThat(node.readFile(path)).hasValue("cluster:\n\tname = pair\n".getBytes(StandardCharsets.UTF_8));
        assertThat(node.readFile(sshd.scratch().resolve("missing").toString())).isEmpty();
    }

    @Test
    void timeoutIsReportedAndConnectionStaysUsable() {
        assertThatThrownBy(() -> node.run(Command.probe("sleep", "5").withTimeout(Duration.ofMillis(500))))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(node.run(Command.probe("true")).exitCode()).isZero();
    }
}
