package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;

/**
 * Files over exec channels: reads as root through sudo (SFTP runs as the login user), and every read and
 * write on a host whose sshd has no {@code Subsystem sftp}. Bytes travel base64 (kept intact whatever
 * they are), and a write's content goes on stdin, never in argv, since it may hold a secret. A write does
 * what {@link SftpFiles} does: a private (0600, created exclusively) {@code .duet-tmp-*} beside the target,
 * its mode and owner set, synced, renamed over the target, the directory synced.
 */
final class ExecFiles {
    private static final String READ = "if [ -e \"$1\" ]; then echo present; base64 < \"$1\"; else echo absent; fi";
    /** $1 target, $2 temp name beside it, $3 mode or empty, $4 owner or empty, $5 non-empty to sync. */
    private static final String WRITE = String.join("; ",
            "set -e",
            "d=$(dirname -- \"$1\")",
            "[ -d \"$d\" ] || (umask 022; mkdir -p -- \"$d\")",
            "trap 'rm -f -- \"$2\"' EXIT",
            "(umask 077; set -C; base64 -d > \"$2\")",
            "if [ -n \"$3\" ]; then chmod \"$3\" \"$2\"; elif [ -e \"$1\" ]; then chmod --reference=\"$1\" \"$2\"; "
                    + "else chmod 0644 \"$2\"; fi",
            "if [ -n \"$4\" ]; then chown \"$4\" \"$2\"; elif [ -e \"$1\" ]; then chown --reference=\"$1\" \"$2\"; fi",
            "if [ -n \"$5\" ]; then sync -- \"$2\"; fi",
            "mv -f -- \"$2\" \"$1\"",
            "if [ -n \"$5\" ]; then sync -- \"$d\"; fi");

    private final String node;
    private final CommandRunner commands;

    ExecFiles(String node, CommandRunner commands) {
        this.node = node;
        this.commands = commands;
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

    /** Without a mode an existing file keeps its own (a new one gets 0644); without an owner, the existing one's. */
    void write(SSHClient ssh, String path, byte[] content, String mode, String owner, boolean durable) {
        String perms = mode == null ? "" : String.format("%04o", RemotePaths.mode(node, path, mode));
        String tmp = RemotePaths.tempName(RemotePaths.parent(path));
        Command install = Command.changeScript(WRITE, path, tmp, perms, owner == null ? "" : owner, durable ? "sync" : "")
                .withSecretStdin(Base64.getMimeEncoder().encodeToString(content) + "\n");
        commands.run(ssh, install).orThrow(node);
    }
}
