package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;

/**
 * Files for a non-root login user with become: SFTP runs as that user and cannot touch /etc, so reads go
 * through {@code sudo cat} (base64, to keep bytes intact) and writes are uploaded to a private temp file
 * in /tmp, then moved into place by one sudo script that does the same temp-name-and-rename dance.
 */
final class SudoFiles {
    private static final String READ = "if [ -e \"$1\" ]; then echo present; base64 < \"$1\"; else echo absent; fi";
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

    SudoFiles(String node, CommandRunner commands, SftpFiles userSftp) {
        this.node = node;
        this.commands = commands;
        this.userSftp = userSftp;
    }

    Optional<byte[]> read(SSHClient ssh, String path) {
        CommandResult r = commands.run(ssh, Command.probeScript(READ, path)).orThrow(node);
        String out = r.stdout();
        if (out.startsWith("absent")) {
            return Optional.empty();
        }
        if (!out.startsWith("present")) {
            throw new DuetException(Reason.COMMAND_FAILED, node + ": reading " + path + " printed `"
                    + out.lines().findFirst().orElse("") + "`, expected present/absent");
        }
        String body = out.substring("present".length()).replaceAll("\\s", "");
        return Optional.of(Base64.getDecoder().decode(body));
    }

    void write(SSHClient ssh, String path, byte[] content, String mode, String owner) {
        if (mode != null) {
            RemotePaths.mode(node, path, mode);
        }
        String staged = RemotePaths.tempName("/tmp");
        userSftp.write(ssh, staged, content, "0600", null, false);
        String suffix = staged.substring(staged.lastIndexOf("-tmp-") + 5);
        commands.run(ssh, Command.changeScript(INSTALL, staged, path, suffix, mode == null ? "" : mode,
                owner == null ? "" : owner)).orThrow(node);
    }
}
