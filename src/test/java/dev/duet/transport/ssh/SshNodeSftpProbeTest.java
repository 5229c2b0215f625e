package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.testing.ConnectedFakeHost;
import dev.duet.testing.FakeSshHost;
import dev.duet.transport.Command;
import dev.duet.transport.Escalation;
import dev.duet.transport.FileProbe;
import dev.duet.transport.Node;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A file probe over SFTP starts no process on the host: mode and owner come from the file's attributes,
 * owner names from the host's /etc/passwd and /etc/group, and only an id those files do not list is asked
 * of the host's stat.
 */
class SshNodeSftpProbeTest {
    @RegisterExtension
    final ConnectedFakeHost ssh = new ConnectedFakeHost("node1");
    private final FakeSshHost host = ssh.host;
    private final SshNode node = ssh.node;

    @Test
    void contentModeAndOwnerWithoutACommand() throws Exception {
        host.file("/etc/drbd.d/r0.res", "resource r0 {}\n");
        Files.setPosixFilePermissions(host.path("/etc/drbd.d/r0.res"), PosixFilePermissions.fromString("rw-r-----"));
        accounts("drbdadmin", "drbdgroup");

        FileProbe probe = node.probeFile("/etc/drbd.d/r0.res");

        assertThat(probe.content()).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("resource r0 {}\n"));
        assertThat(probe.stat().stdout()).isEqualTo("640 drbdadmin:drbdgroup\n");
        assertThat(probe.stat().command()).isEqualTo(FileProbe.statCommand("/etc/drbd.d/r0.res"));
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void theAccountFilesAreReadOnceUntilSomethingChanges() throws Exception {
        namesReadThenRenamed();

        assertThat(node.probeFile("/etc/b").stat().stdout()).endsWith(" first:grp\n");

        host.on("touch", 0, "");
        node.run(Command.change("touch", "/tmp/x"));
        assertThat(node.probeFile("/etc/b").stat().stdout()).endsWith(" renamed:grp\n");
    }

    @Test
    void aChangeMadeThroughAnotherEscalationForgetsTheNamesToo() throws Exception {
        namesReadThenRenamed();
        Node asRoot = node.as(Escalation.ROOT).orElseThrow();

        host.on("touch", 0, "");
        asRoot.run(Command.change("touch", "/tmp/x"));

        assertThat(node.probeFile("/etc/b").stat().stdout()).endsWith(" renamed:grp\n");
    }

    @Test
    void anIdTheAccountFilesDoNotListIsAskedOfTheHostsStat() {
        host.file("/etc/a", "a").file("/etc/passwd", "someone:x:4242:4242::/:/bin/sh\n").file("/etc/group", "");
        host.on("stat -c", 0, "600 ldapuser:ldapgroup\n");

        assertThat(node.probeFile("/etc/a").stat().stdout()).isEqualTo("600 ldapuser:ldapgroup\n");
        assertThat(host.commands()).containsExactly("stat -c '%a %U:%G' /etc/a");
    }

    @Test
    void aMissingFileIsEmptyContentAndAFailedStat() {
        FileProbe probe = node.probeFile("/etc/none");

        assertThat(probe.content()).isEmpty();
        assertThat(probe.stat().ok()).isFalse();
        assertThat(probe.stat().stderr()).contains("No such file");
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void aDirectoryIsUnknownNotEmpty() {
        host.file("/etc/dir/inner", "x");

        assertThatThrownBy(() -> node.probeFile("/etc/dir")).isInstanceOf(DuetException.class)
                .hasMessageContaining("cannot read /etc/dir: Is a directory");
    }

    @Test
    void withoutSftpTheProbeIsOneBatchOfStatAndBase64() {
        FakeSshHost plain = FakeSshHost.start("node2").withoutSftp();
        try (SshNode other = plain.connect()) {
            plain.file("/etc/a", "a");
            plain.on("stat -c", 0, "644 root:root\n");

            FileProbe probe = other.probeFile("/etc/a");

            assertThat(probe.content()).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("a"));
            assertThat(probe.stat().stdout()).isEqualTo("644 root:root\n");
            assertThat(plain.execs()).hasSize(1);
        } finally {
            plain.stop();
        }
    }

    /** The node reads the account files (owner "first") for one probe; then the host renames the owner. */
    private void namesReadThenRenamed() throws Exception {
        host.file("/etc/a", "a").file("/etc/b", "b");
        accounts("first", "grp");
        node.probeFile("/etc/a").stat();
        accounts("renamed", "grp");
    }

    /** /etc/passwd and /etc/group on the fake host naming the uid and gid its files really have. */
    private void accounts(String user, String group) throws Exception {
        host.file("/etc/passwd", "root:x:99999:0::/root:/bin/sh\n");
        int uid = (Integer) Files.getAttribute(host.path("/etc/passwd"), "unix:uid");
        int gid = (Integer) Files.getAttribute(host.path("/etc/passwd"), "unix:gid");
        host.file("/etc/passwd", "# accounts\n" + user + ":x:" + uid + ":" + gid + "::/:/bin/sh\nshadow:x:" + uid + ":0::/:/bin/sh\n");
        host.file("/etc/group", group + ":x:" + gid + ":\n");
    }
}
