package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.OpenSshNode;
import dev.duet.transport.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's real sshd with no {@code Subsystem sftp} line (hardened hosts have it so): SFTP is refused,
 * and files must still be read and written, atomically and with the same modes, over exec channels.
 */
class SshNodeWithoutSftpOpenSshTest {
    @RegisterExtension
    static final OpenSshNode REAL = OpenSshNode.withoutSftp("nosftp1");

    @Test
    void theServerReallyRefusesSftp() {
        assertThat(REAL.node().run(Command.probeScript("grep -ci '^subsystem' \"$1\" || true",
                REAL.sshd().scratch().resolveSibling("sshd_config").toString())).stdout().strip()).isEqualTo("0");
    }

    @Test
    void writesAndReadsFilesOverExecChannelsAtomicallyWithModes() throws Exception {
        String path = REAL.sshd().scratch().resolve("etc/ocfs2/cluster.conf").toString();
        byte[] binary = {0, (byte) 0xff, (byte) 0xfe, '\n', 'x', '\r', '\n'};

        REAL.node().writeFile(path, "cluster:\n\tname = duet\n".getBytes(StandardCharsets.UTF_8), "0640", null);
        Path local = Path.of(path);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw-r-----");
        REAL.node().writeFile(path, binary, "0644", null);

        assertThat(Files.readAllBytes(local)).isEqualTo(binary);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.getParent()))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.getParent().getParent())))
                .isEqualTo("rwxr-xr-x");
        try (var files = Files.list(local.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temp file left").containsExactly("cluster.conf");
        }
        assertThat(REAL.node().readFile(path)).hasValue(binary);
        assertThat(REAL.node().readFile(REAL.sshd().scratch().resolve("missing").toString())).isEmpty();
    }

    @Test
    void withoutAModeAnExistingFileKeepsItsModeAndANewOneGets0644() throws Exception {
        Path existing = Files.writeString(REAL.sshd().scratch().resolve("kept.conf"), "old\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-------"));

        REAL.node().writeFile(existing.toString(), "new\n".getBytes(StandardCharsets.UTF_8), null, null);
        REAL.node().writeFile(REAL.sshd().scratch().resolve("fresh.conf").toString(), "x\n".getBytes(StandardCharsets.UTF_8), null, null);

        assertThat(Files.readString(existing)).isEqualTo("new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(REAL.sshd().scratch().resolve("fresh.conf"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aWriteThatFailsOnTheHostIsACommandFailureNotAnUnreachableHost() throws Exception {
        Path notADirectory = Files.writeString(REAL.sshd().scratch().resolve("plain-file"), "x\n");

        assertThatThrownBy(() -> REAL.node().writeFile(notADirectory.resolve("x.conf").toString(),
                "x\n".getBytes(StandardCharsets.UTF_8), "0644", null))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.COMMAND_FAILED))
                .hasMessageContaining("nosftp1");
        assertThat(REAL.node().run(Command.probe("true")).exitCode()).as("connection still usable").isZero();
    }
}
