package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Escalation;
import dev.duet.transport.FileProbe;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's files: over SFTP where the login user may touch them itself, over exec channels when the
 * server refuses SFTP ({@link ExecFiles}), through sudo when becoming root as another login user
 * ({@link SudoFiles}), and as the become_user itself when becoming someone other than root. Writes go
 * through the node's own change path (never replayed after a drop), and their temp names are kept until
 * the write is over, so the ones a cut-short write left behind can be removed.
 */
final class NodeFiles {
    private static final Logger COMMANDS = LoggerFactory.getLogger("duet.commands");
    /** Logged as the node's own lines: the logger its readers already follow. */
    private static final Logger LOG = LoggerFactory.getLogger(SshNode.class);

    private final SshEndpoint endpoint;
    private final SshConnection connection;
    private final DropPolicy drops;
    private final Escalation escalation;
    /** Whether the node's commands run under sudo: its reads and writes then do too. */
    private final boolean viaSudo;
    /** The node these files belong to: the stat the attributes cannot answer, and the stat-and-base64 batch. */
    private final Node node;
    private final CommandRunner commands;
    private final Change change;
    private final SftpFiles sftp;
    private final ExecFiles exec;
    private final SudoFiles sudo;
    private final AtomicBoolean saidNoSftp;
    private final Set<String> leftoverTemps;
    /**
     * Account names for owners read over SFTP, one holder for the node and all its views (the names are
     * the host's, whoever asks); forgotten whenever any of them changes the host.
     */
    private final AtomicReference<AccountNames> accounts;

    /** The node's path for an operation that changes the host ({@code SshNode.once}): never sent again after a drop. */
    @FunctionalInterface
    interface Change {
        Void run(String what, Function<SSHClient, Void> operation);
    }

    /** {@code commands} runs a command on a given connection as the node does (logged, become applied). */
    NodeFiles(SshEndpoint endpoint, SshConnection connection, DropPolicy drops, Escalation escalation, boolean viaSudo,
            Node node, CommandRunner commands, Change change) {
        this(endpoint, connection, drops, escalation, viaSudo, node, commands, change, new AtomicBoolean(),
                ConcurrentHashMap.newKeySet(), new AtomicReference<>());
    }

    private NodeFiles(SshEndpoint endpoint, SshConnection connection, DropPolicy drops, Escalation escalation,
            boolean viaSudo, Node node, CommandRunner commands, Change change, AtomicBoolean saidNoSftp,
            Set<String> leftoverTemps, AtomicReference<AccountNames> accounts) {
        this.endpoint = endpoint;
        this.connection = connection;
        this.drops = drops;
        this.escalation = escalation;
        this.viaSudo = viaSudo;
        this.node = node;
        this.commands = commands;
        this.change = change;
        this.sftp = new SftpFiles(endpoint.node(), commands);
        this.exec = new ExecFiles(endpoint.node(), commands);
        this.sudo = new SudoFiles(endpoint.node(), commands, sftp, exec);
        this.saidNoSftp = saidNoSftp;
        this.leftoverTemps = leftoverTemps;
        this.accounts = accounts;
    }

    /**
     * The files of a view of the node (another escalation on the same connection): their own SFTP channel,
     * the same SFTP refusal said once, the same leftover temp names and the same account names.
     */
    NodeFiles view(Escalation other, boolean otherViaSudo, Node view, CommandRunner viewCommands, Change viewChange) {
        return new NodeFiles(endpoint, connection, drops, other, otherViaSudo, view, viewCommands, viewChange,
                saidNoSftp, leftoverTemps, accounts);
    }

    /**
     * Mode, owner and content. Over SFTP where the login user reads the file itself (root, or become off):
     * two requests to the connection's sftp-server and no process on the host, which on a slow host
     * costs far less than a command; owner names come from the host's /etc/passwd and /etc/group (read
     * once, again after any change), and an id they do not list is asked of the host's {@code stat}.
     * Otherwise one round trip of {@code stat} and {@code base64} (under sudo when becoming root).
     */
    FileProbe probe(String path) {
        if (!viaSudo && drops.read("probing " + path, this::sftpAvailable)) {
            long t0 = System.nanoTime();
            SftpFiles.Probed p = drops.read("probing " + path, ssh -> sftp.probe(ssh, path));
            COMMANDS.info("{} sftp probe {}: {} {}ms", name(), path,
                    p.exists() ? p.content().length + " bytes" : "absent", (System.nanoTime() - t0) / 1_000_000);
            if (!p.exists()) {
                return new FileProbe(Optional.empty(), new CommandResult(FileProbe.statCommand(path), 1, "",
                        "stat: cannot statx '" + path + "': No such file or directory\n", Duration.ZERO));
            }
            return new FileProbe(Optional.of(p.content()), () -> statOf(path, p));
        }
        List<CommandResult> r = node.runAll(List.of(FileProbe.statCommand(path), FileProbe.base64Command(path)));
        return FileProbe.fromBase64(name(), path, r.get(0), r.get(1));
    }

    /** {@code stat -c '%a %U:%G'} as the host would print it, from the SFTP attributes where names are known. */
    private CommandResult statOf(String path, SftpFiles.Probed p) {
        long uid = p.attrs().getUID();
        long gid = p.attrs().getGID();
        Optional<String> owner = accountNames().owner(uid, gid);
        if (owner.isEmpty()) {
            return node.run(FileProbe.statCommand(path));
        }
        String mode = Integer.toOctalString(p.attrs().getMode().getPermissionsMask());
        return new CommandResult(FileProbe.statCommand(path), 0, mode + " " + owner.get() + "\n", "", Duration.ZERO);
    }

    private AccountNames accountNames() {
        AccountNames known = accounts.get();
        if (known == null) {
            known = drops.read("reading /etc/passwd and /etc/group", ssh -> AccountNames.parse(
                    sftp.read(ssh, "/etc/passwd").orElse(new byte[0]), sftp.read(ssh, "/etc/group").orElse(new byte[0])));
            accounts.set(known);
        }
        return known;
    }

    /** Called after every change the node or a view makes: it may have added or renamed an account. */
    void forgetAccounts() {
        accounts.set(null);
    }

    Optional<byte[]> read(String path) {
        return drops.read("reading " + path, ssh -> viaSudo ? sudo.read(ssh, path)
                : sftpAvailable(ssh) ? sftp.read(ssh, path) : exec.read(ssh, path));
    }

    void write(String path, byte[] content, String mode, String owner) {
        Set<String> made = ConcurrentHashMap.newKeySet();
        RemotePaths.recordingTempNames(name -> {
            made.add(name);
            leftoverTemps.add(name);
        }, () -> writeOnce(path, content, mode, owner));
        // Finished: its temp names were renamed into place or removed by the write itself.
        leftoverTemps.removeAll(made);
    }

    private Void writeOnce(String path, byte[] content, String mode, String owner) {
        return change.run("writing " + path, ssh -> {
            long start = System.nanoTime();
            if (asOtherUser()) {
                // the whole write runs as that user, so the file is created by (and owned by) that user
                exec.write(ssh, path, content, mode, owner, true);
            } else if (viaSudo) {
                sudo.write(ssh, path, content, mode, owner);
            } else if (sftpAvailable(ssh)) {
                sftp.write(ssh, path, content, mode, owner);
            } else {
                exec.write(ssh, path, content, mode, owner, true);
            }
            COMMANDS.info("{} wrote {} ({} bytes, mode {}, owner {}) {}ms", name(), path, content.length,
                    mode == null ? "kept" : mode, owner == null ? "kept" : owner, (System.nanoTime() - start) / 1_000_000);
            return null;
        });
    }

    /**
     * Removes the {@code .duet-tmp-*} files of this run's writes that were cut short (a dropped connection,
     * Ctrl-C): they are private (0600) but may hold a secret. Best effort; says what it could not remove.
     */
    void removeLeftoverTempFiles() {
        List<String> left = List.copyOf(leftoverTemps);
        if (left.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("rm", "-f", "--"));
        argv.addAll(left);
        try {
            CommandResult r = commands.run(connection.client(), Command.change(argv.toArray(String[]::new))
                    .withTimeout(Duration.ofSeconds(30)));
            if (r.ok()) {
                leftoverTemps.removeAll(left);
                return;
            }
            LOG.warn("{}: could not remove temp files {}: {}", name(), left, r.stderr().strip());
        } catch (DuetException | ConnectionLost e) {
            LOG.warn("{}: could not remove temp files {}: {}", name(), left, e.getMessage());
        }
    }

    /** Whether files can go over SFTP; the first refusal is said once in the log, the exec path takes over. */
    private boolean sftpAvailable(SSHClient ssh) {
        if (sftp.available(ssh)) {
            return true;
        }
        if (saidNoSftp.compareAndSet(false, true)) {
            LOG.warn("{}: {} refused the SFTP subsystem (its sshd_config has no `Subsystem sftp`): files go over"
                    + " exec channels instead (base64 on stdin, same temp name, modes and rename)", name(),
                    endpoint.hostPort());
        }
        return false;
    }

    /** Becoming a user other than root: SFTP would act as the login user, so files go over exec channels under sudo. */
    private boolean asOtherUser() {
        return escalation.become() && !escalation.toRoot();
    }

    /** Closes this node's (or view's) SFTP channel, if one is open; the connection stays. */
    void closeQuietly() {
        sftp.closeQuietly();
    }

    private String name() {
        return endpoint.node();
    }
}
