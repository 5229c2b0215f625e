package dev.duet.transport.ssh;

import dev.duet.transport.Command;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;

/**
 * Files for a non-root login user with become: SFTP runs as that user and cannot touch /etc, so reads go
 * through {@code sudo} (see {@link ExecFiles}) and writes are uploaded to a private temp file in /tmp, then
 * moved into place by one sudo script that does the same temp-name-and-rename dance. A host without SFTP
 * gets the whole write from {@link ExecFiles} under sudo.
 */
final class SudoFiles {
    private static final String INSTALL = String.join("; ",
            "set -e",
            "d=$(dirname \"$2\")",
            "[ -d \"$d\" ] || { mkdir -p \"$d\"; chmod 0755 \"$d\"; }",
            "t=\"$d/.duet-tmp-$3\"",
            "trap 'rm -f \"$1\" \"$t\"' EXIT",
            "cp \"$1\" \"$t\"",
            "if [ -n \"$4\" ]; then chmod \"$4\" \"$t\"; elif [ -e \"$2\" ]; then chmod --reference=\"$2\" \"$t\"; else chmod 0644 \"$t\"; fi",
            "if [ -n \"$5\" ]; then chown \"$5\" \"$t\"; elif [ -e \"$2\" ]; then chown --reference=\"$2\" \"$t\"; else chown root:root \"$t\"; fi",
            "sync -- \"$t\"",
            "mv -f \"$t\" \"$2\"",
            "sync -- \"$d\"");

    private final String node;
    private final CommandRunner commands;
    private final SftpFiles userSftp;
    private final ExecFiles exec;

    SudoFiles(String node, CommandRunner commands, SftpFiles userSftp, ExecFiles exec) {
        this.node = node;
        this.commands = commands;
        this.userSftp = userSftp;
        this.exec = exec;
    }

    Optional<byte[]> read(SSHClient ssh, String path) {
        return exec.read(ssh, path);
    }

    void write(SSHClient ssh, String path, byte[] content, String mode, String owner) {
        if (mode != null) {
            RemotePaths.mode(node, path, mode);
        }
        if (!userSftp.available(ssh)) {
            exec.write(ssh, path, content, mode, owner, true);
            return;
        }
        String staged = RemotePaths.tempName("/tmp");
        userSftp.write(ssh, staged, content, "0600", null, false);
        String suffix = staged.substring(staged.lastIndexOf("-tmp-") + 5);
        commands.run(ssh, Command.changeScript(INSTALL, staged, path, suffix, mode == null ? "" : mode,
                owner == null ? "" : owner)).orThrow(node);
    }
}
