package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RenameFlags;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

/**
 * Files over SFTP, for a login user that may write the target itself (root, or become off). A write goes
 * to {@code .duet-tmp-<random>} in the target's directory, gets its mode and owner, then replaces the
 * target by an atomic rename (posix-rename@openssh.com), so readers never see a half-written file.
 */
final class SftpFiles {
    private static final int DIR_MODE = 0755;
    private static final int NEW_FILE_MODE = 0644;

    private final String node;
    private final CommandRunner commands;
    private SSHClient owner;
    private SFTPClient sftp;
    /** The connection on which the server refused the SFTP subsystem: asked once per connection. */
    private SSHClient refusedBy;

    SftpFiles(String node, CommandRunner commands) {
        this.node = node;
        this.commands = commands;
    }

    synchronized Optional<byte[]> read(SSHClient ssh, String path) {
        try (RemoteFile file = sftp(ssh).open(path, EnumSet.of(OpenMode.READ));
             InputStream in = file.new RemoteFileInputStream()) {
            return Optional.of(in.readAllBytes());
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw failure(ssh, e, "read " + path);
        } catch (IOException e) {
            throw lost(e, "read " + path);
        }
    }

    /** A file as {@link #probe} found it: no attributes when nothing is at the path. */
    record Probed(FileAttributes attrs, byte[] content) {
        boolean exists() {
            return attrs != null;
        }
    }

    /**
     * The file's own attributes ({@code lstat}, as {@code stat -c} reports a link itself) and its content,
     * two requests to the one sftp-server of the connection, no process started on the host. Something
     * at the path that cannot be read (a directory, a dangling link, no permission) is an error, never
     * empty content.
     */
    synchronized Probed probe(SSHClient ssh, String path) {
        FileAttributes attrs;
        try {
            attrs = sftp(ssh).lstat(path);
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                return new Probed(null, null);
            }
            throw failure(ssh, e, "stat " + path);
        } catch (IOException e) {
            throw lost(e, "stat " + path);
        }
        if (attrs.getType() == FileMode.Type.DIRECTORY) {
            throw new DuetException(Reason.COMMAND_FAILED, node + ": cannot read " + path + ": Is a directory");
        }
        byte[] content = read(ssh, path).orElseThrow(() -> new DuetException(Reason.COMMAND_FAILED, node
                + ": cannot read " + path + ": No such file or directory (a link to nothing)"));
        return new Probed(attrs, content);
    }

    synchronized void write(SSHClient ssh, String path, byte[] content, String mode, String fileOwner) {
        write(ssh, path, content, mode, fileOwner, true);
    }

    /** {@code durable}: fsync the data before the rename and the directory after (off only for staging copies). */
    synchronized void write(SSHClient ssh, String path, byte[] content, String mode, String fileOwner, boolean durable) {
        SFTPClient client = sftp(ssh);
        String dir = RemotePaths.parent(path);
        String tmp = RemotePaths.tempName(dir);
        try {
            FileAttributes existing = client.statExistence(path);
            ensureDirectory(client, dir);
            upload(client, tmp, content);
            int perms = mode != null ? RemotePaths.mode(node, path, mode)
                    : existing != null ? existing.getMode().getPermissionsMask() : NEW_FILE_MODE;
            client.chmod(tmp, perms);
            if (fileOwner != null) {
                commands.run(ssh, Command.change("chown", fileOwner, tmp)).orThrow(node);
            } else if (existing != null) {
                client.setattr(tmp, new FileAttributes.Builder().withUIDGID(existing.getUID(), existing.getGID()).build());
            }
            // Durable, not just atomic: the data reaches the disk before the rename, and the rename before we
            // report success (a node that loses power right after must not come back with an empty file).
            if (durable) {
                commands.run(ssh, Command.change("sync", "--", tmp)).orThrow(node);
            }
            client.rename(tmp, path, EnumSet.of(RenameFlags.OVERWRITE, RenameFlags.ATOMIC, RenameFlags.NATIVE));
            if (durable) {
                commands.run(ssh, Command.change("sync", "--", dir)).orThrow(node);
            }
        } catch (SFTPException e) {
            removeQuietly(client, tmp);
            throw failure(ssh, e, "write " + path);
        } catch (IOException e) {
            throw lost(e, "write " + path);
        } catch (RuntimeException e) {
            removeQuietly(client, tmp);
            throw e;
        }
    }

    private static void upload(SFTPClient client, String tmp, byte[] content) throws IOException {
        FileAttributes privateUntilDone = new FileAttributes.Builder().withPermissions(0600).build();
        try (RemoteFile file = client.open(tmp, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL),
                privateUntilDone);
             OutputStream out = file.new RemoteFileOutputStream(0, 16)) {
            out.write(content);
        }
    }

    /** mkdir -p with mode 0755 for each directory created (e.g. /etc/ocfs2 on a fresh host). */
    private static void ensureDirectory(SFTPClient client, String dir) throws IOException {
        Deque<String> missing = new ArrayDeque<>();
        for (String d = dir; !d.equals("/") && !d.equals(".") && client.statExistence(d) == null; d = RemotePaths.parent(d)) {
            missing.push(d);
        }
        while (!missing.isEmpty()) {
            String d = missing.pop();
            client.mkdir(d);
            client.chmod(d, DIR_MODE);
        }
    }

    /**
     * False when the server refused the SFTP subsystem while the connection stayed up, as an sshd without a
     * {@code Subsystem sftp} line does; a connection that dropped meanwhile is {@link ConnectionLost}.
     */
    synchronized boolean available(SSHClient ssh) {
        if (refusedBy == ssh) {
            return false;
        }
        try {
            sftp(ssh);
            return true;
        } catch (ConnectionLost e) {
            if (ssh.isConnected() && e.getCause() instanceof ConnectionException) {
                refusedBy = ssh;
                return false;
            }
            throw e;
        }
    }

    private SFTPClient sftp(SSHClient ssh) {
        if (sftp == null || owner != ssh) {
            closeQuietly();
            try {
                sftp = ssh.newSFTPClient();
                owner = ssh;
            } catch (IOException | IllegalStateException e) {
                throw new ConnectionLost(node + ": cannot start SFTP: " + e.getMessage(), e);
            }
        }
        return sftp;
    }

    private RuntimeException failure(SSHClient ssh, SFTPException e, String what) {
        Response.StatusCode code = e.getStatusCode();
        if (!ssh.isConnected() || code == Response.StatusCode.NO_CONNECTION
                || code == Response.StatusCode.CONNECITON_LOST) {
            return lost(e, what);
        }
        return new DuetException(Reason.COMMAND_FAILED, node + ": sftp " + what + " failed: "
                + (code == null ? "" : code + " ") + e.getMessage(), e);
    }

    private ConnectionLost lost(IOException e, String what) {
        closeQuietly();
        return new ConnectionLost(node + ": connection lost during sftp " + what + ": " + e.getMessage(), e);
    }

    private static void removeQuietly(SFTPClient client, String tmp) {
        try {
            if (client.statExistence(tmp) != null) {
                client.rm(tmp);
            }
        } catch (IOException | RuntimeException ignored) {
            // leftover temp file: harmless, named .duet-tmp-*
        }
    }

    synchronized void closeQuietly() {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (IOException | RuntimeException ignored) {
                // connection already gone
            }
        }
        sftp = null;
        owner = null;
    }
}
