package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.DroppedDuringChange;
import dev.duet.transport.Escalation;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import dev.duet.transport.ProbeBatch;
import dev.duet.transport.Shell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host reached over SSH (SSHJ): one connection for the whole run, a new session channel per command,
 * files over SFTP (over exec channels when the server refuses SFTP, see {@link NodeFiles}). A dropped
 * connection is reconnected once; only read-only operations (probes, reads, streams) are then retried,
 * and a second drop fails with {@link Reason#UNREACHABLE}. A command that changes the host, or a file
 * write, is never sent again: after reconnecting the node throws {@link DroppedDuringChange} and the
 * engine asks the step's check half what is left to do. Every command runs under the host's
 * {@code timeout} (see {@link RemoteTimeout}) and is logged to {@code duet.commands} exactly as sent.
 */
public final class SshNode implements Node {
    private static final Logger COMMANDS = LoggerFactory.getLogger("duet.commands");

    private final SshEndpoint endpoint;
    private final SshOptions options;
    private final SshConnection connection;
    private final DropPolicy drops;
    private final ExecutorService io;
    private final RemoteTimeout remoteTimeout;
    private final RemoteExecution execution;
    /** Probe batches' kept shells: the connection's, shared with every view made by {@link #as}. */
    private final ProbeShells shells;
    private final Escalation escalation;
    /** Reads, writes and probes of files; a view's share the base's leftover temp names ({@link NodeFiles#view}). */
    private final NodeFiles files;
    /** False for a view made by {@link #as}: the connection belongs to the node it was made from. */
    private final boolean ownsConnection;

    public SshNode(SshEndpoint endpoint, SshOptions options) {
        this(endpoint, options, RemoteTimeout.DEFAULT);
    }

    /** Commands and files run with {@code escalation} (a become_user) instead of the options' become. */
    public SshNode(SshEndpoint endpoint, SshOptions options, Escalation escalation) {
        this(endpoint, options.withBecome(escalation.become()), RemoteTimeout.DEFAULT, escalation);
    }

    /** With the given remote timeout policy (tests shorten its grace periods). */
    SshNode(SshEndpoint endpoint, SshOptions options, RemoteTimeout remoteTimeout) {
        this(endpoint, options, remoteTimeout, options.become() ? Escalation.ROOT : Escalation.NONE);
    }

    private SshNode(SshEndpoint endpoint, SshOptions options, RemoteTimeout remoteTimeout, Escalation escalation) {
        this.endpoint = endpoint;
        this.options = options;
        this.connection = new SshConnection(endpoint, options);
        this.drops = new DropPolicy(endpoint, connection);
        this.io = Executors.newCachedThreadPool(daemonThreads("duet-ssh-" + endpoint.node()));
        this.remoteTimeout = remoteTimeout;
        this.execution = new RemoteExecution(endpoint.node(), io, remoteTimeout);
        this.shells = new ProbeShells(io, execution, remoteTimeout);
        this.escalation = escalation;
        this.files = new NodeFiles(endpoint, connection, drops, escalation, viaSudo(), this, this::runOn, this::once);
        this.ownsConnection = true;
    }

    /** A view of {@code base}: its connection, its threads, another escalation; files get their own SFTP channel. */
    private SshNode(SshNode base, Escalation escalation) {
        this.endpoint = base.endpoint;
        this.options = base.options.withBecome(escalation.become());
        this.connection = base.connection;
        this.drops = base.drops;
        this.io = base.io;
        this.remoteTimeout = base.remoteTimeout;
        this.execution = base.execution;
        this.shells = base.shells;
        this.escalation = escalation;
        this.files = base.files.view(escalation, viaSudo(), this, this::runOn, this::once);
        this.ownsConnection = false;
    }

    /** The same connection with another escalation: one connection per host, whatever a task becomes. */
    @Override
    public Optional<Node> as(Escalation other) {
        return Optional.of(new SshNode(this, other));
    }

    public Escalation escalation() {
        return escalation;
    }

    /** Opens the connection now, so an unreachable host or a bad key is reported before any step runs. */
    public SshNode connect() {
        connection.client();
        return this;
    }

    /** Whether this node's open connection still answers within {@code within} (see the keeper). */
    public boolean answers(Duration within) {
        return connection.answers(within);
    }

    @Override
    public String name() {
        return endpoint.node();
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    /**
     * A read-only probe without stdin goes to one of the connection's kept shells, as a batch does (a
     * line sent to a running shell costs the host a fork, a session costs it sshd's fork and a login
     * shell); anything else gets a session of its own.
     */
    @Override
    public CommandResult run(Command command) {
        String what = "`" + command.line() + "`";
        if (ProbeBatch.batchable(command)) {
            return drops.read(what, ssh -> runProbes(ssh, command));
        }
        return command.readOnly() ? drops.read(what, ssh -> runOn(ssh, command)) : once(what, ssh -> runOn(ssh, command));
    }

    /**
     * Two or more read-only probes go as one remote script: one round trip, one line in the command log,
     * run by one of the connection's kept shells ({@link ProbeShells}) rather than a session of its own.
     */
    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        if (commands.size() < 2 || !commands.stream().allMatch(ProbeBatch::batchable)) {
            return Node.super.runAll(commands);
        }
        ProbeBatch batch = ProbeBatch.of(commands);
        String probes = commands.stream().map(c -> "`" + c.line() + "`").collect(java.util.stream.Collectors.joining(", "));
        // Only read-only probes join a batch (ProbeBatch.command refuses anything else), so a batch cut
        // short by a drop may be sent again; a mutating command never reaches this path.
        return batch.split(drops.read(probes + " (one batch)", ssh -> runProbes(ssh, batch.command())));
    }

    /** Mode, owner and content, over SFTP where the login user reads the file itself ({@link NodeFiles#probe}). */
    @Override
    public FileProbe probeFile(String path) {
        return files.probe(path);
    }

    /** A session channel on the same connection; a stream is not re-opened when the connection drops. */
    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        if (!command.readOnly()) {
            throw new DuetException(Reason.REFUSED, name() + ": refused to stream `" + command.line()
                    + "`: only read-only commands may stream");
        }
        String line = become(command.line());
        return Optional.of(drops.read("streaming `" + command.line() + "`",
                ssh -> SshLineStream.start(name(), ssh, line, onLine, io)));
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        return files.read(path);
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        files.write(path, content, mode, owner);
    }

    /**
     * Removes the {@code .duet-tmp-*} files of this run's writes that were cut short (a dropped connection,
     * Ctrl-C): they are private (0600) but may hold a secret. Best effort; says what it could not remove.
     */
    public void removeLeftoverTempFiles() {
        files.removeLeftoverTempFiles();
    }

    /** Root needs no sudo to be root; any other user (or a become_user) does. */
    private boolean viaSudo() {
        return escalation.become() && !(escalation.toRoot() && endpoint.isRoot());
    }

    /**
     * The exact line sent to the remote shell: the command under the remote timeout, inside sudo when
     * becoming root (so that timeout can signal root's processes).
     */
    String remoteLine(Command command, Duration timeout) {
        List<String> words = new ArrayList<>(viaSudo() ? escalation.sudo() : List.of());
        words.addAll(remoteTimeout.wrap(command.argv(), timeout));
        return Shell.join(words);
    }

    /** A stream ends when its channel is closed (it has a pty), so it is not put under timeout. */
    private String become(String line) {
        if (!viaSudo()) {
            return line;
        }
        List<String> words = new ArrayList<>(escalation.sudo());
        words.addAll(List.of("sh", "-c", line));
        return Shell.join(words);
    }

    private CommandResult runOn(SSHClient ssh, Command command) {
        Duration timeout = options.timeoutFor(command);
        String line = remoteLine(command, timeout);
        String stdinNote = command.stdin() == null ? "" : command.sensitiveStdin() ? " (stdin: secret)"
                : " (stdin: " + command.stdin().length() + " chars)";
        return logged(line, stdinNote, () -> Optional.of(execution.run(ssh, command, line, timeout))).orElseThrow();
    }

    /**
     * A read-only probe (or batch of them) on a kept shell when one serves it (the log says so), else on a
     * session of its own.
     */
    private CommandResult runProbes(SSHClient ssh, Command probe) {
        Duration timeout = options.timeoutFor(probe);
        String line = remoteLine(probe, timeout);
        return logged(line, " (kept shell)", () -> shells.run(ssh, probe, line, timeout))
                .orElseGet(() -> runOn(ssh, probe));
    }

    /**
     * Runs one command line and logs it to {@code duet.commands} as sent, with its exit status or failure;
     * empty (and nothing logged) when the carrier did not serve it.
     */
    private Optional<CommandResult> logged(String line, String note, Supplier<Optional<CommandResult>> run) {
        try {
            Optional<CommandResult> result = run.get();
            result.ifPresent(r -> COMMANDS.info("{} rc={} {}ms: {}{}", name(), r.exitCode(), r.duration().toMillis(),
                    line, note));
            return result;
        } catch (DuetException | ConnectionLost e) {
            COMMANDS.info("{} failed ({}): {}{}", name(), e.getMessage(), line, note);
            throw e;
        }
    }

    /** An operation that changes the host: never replayed after a drop ({@link DropPolicy#change}). */
    private <T> T once(String what, Function<SSHClient, T> operation) {
        try {
            return drops.change(what, operation, files::removeLeftoverTempFiles);
        } finally {
            files.forgetAccounts(); // the change may have added or renamed an account
        }
    }

    @Override
    public void close() {
        if (!ownsConnection) {
            // the node it was made from removes leftover temp files and closes the connection
            files.closeQuietly();
            return;
        }
        removeLeftoverTempFiles();
        files.closeQuietly();
        shells.close();
        connection.close();
        io.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return name() + " (" + endpoint.user() + "@" + endpoint.hostPort()
                + (escalation.become() ? ", become " + escalation.user() : "") + ")";
    }
}
