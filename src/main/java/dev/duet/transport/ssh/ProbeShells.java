package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's kept {@link ProbeShell}s, which run its read-only probe batches: at most {@link #MOST} at once
 * (a batch that finds them all busy goes over its own session, as before), each opened on first need and
 * kept for the connection's life, so a connection the keeper holds across runs pays a session once.
 * <p>
 * The answer means what an exec's would: the same line (remote timeout and sudo included) runs on the host,
 * its stdout, stderr and exit status come back whole, and a line that outlives its timeout is ended there
 * by that timeout and reported exactly as {@link RemoteExecution} reports it. Whenever a shell does not
 * answer as it should (it ended, a marker is missing, a write fails) it is closed and never reused; the
 * batch then goes over its own session on the same connection (it only reads, so running it again is
 * safe), or, when the connection itself is gone, fails as {@link ConnectionLost} like any read. A host
 * whose first shell ends before answering its first batch, on a live connection, gets no more shells.
 */
final class ProbeShells implements AutoCloseable {
    static final int MOST = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ProbeShells.class);
    private static final Duration STDERR_GRACE = Duration.ofSeconds(10);

    private final ExecutorService io;
    private final RemoteExecution execution;
    private final RemoteTimeout remoteTimeout;
    private final Deque<ProbeShell> idle = new ArrayDeque<>();
    private int opened;
    private boolean closed;
    /**
     * Set when a new shell ended before answering its first request while the connection stayed up (a
     * login shell that cannot {@code exec}, such as a restricted one): the host's batches then go over
     * sessions of their own without trying again.
     */
    private volatile boolean refused;

    ProbeShells(ExecutorService io, RemoteExecution execution, RemoteTimeout remoteTimeout) {
        this.io = io;
        this.execution = execution;
        this.remoteTimeout = remoteTimeout;
    }

    /**
     * {@code line} (the batch {@code command} as it would be exec'd) run by a kept shell on {@code ssh};
     * empty when no shell serves it, and the caller runs it over a session of its own.
     */
    Optional<CommandResult> run(SSHClient ssh, Command command, String line, Duration timeout) {
        long start = System.nanoTime();
        Optional<ProbeShell> taken = take(ssh);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        ProbeShell shell = taken.get();
        boolean reusable = false;
        try {
            Optional<CommandResult> result = exchange(shell, command, line, timeout, start);
            reusable = result.isPresent();
            if (reusable) {
                shell.markAnswered();
            }
            return result;
        } finally {
            give(shell, reusable);
        }
    }

    private Optional<CommandResult> exchange(ProbeShell shell, Command command, String line, Duration timeout,
            long start) {
        Future<ProbeShell.Answer> out = null;
        Future<byte[]> err = null;
        try {
            long deadline = RemoteExecution.deadlineFromNow(timeout);
            ProbeShell.Exchange exchange = shell.send(line);
            out = io.submit(exchange.stdout());
            err = io.submit(exchange.stderr());
            ProbeShell.Answer answer = awaitAnswer(out, command, timeout, deadline);
            byte[] stderr = err.get(STDERR_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(new CommandResult(command, answer.exit(), utf8(answer.stdout()), utf8(stderr),
                    Duration.ofNanos(System.nanoTime() - start)));
        } catch (IOException | ExecutionException | TimeoutException broken) {
            // the shell (or the connection under it) failed: never reuse it; a live connection runs the
            // batch over its own session, a dead one is lost like any read
            boolean ended = !shell.open();
            shell.close();
            if (!shell.client().isConnected()) {
                throw new ConnectionLost(execution.node() + ": connection lost while a kept shell ran `" + line
                        + "`: " + broken.getMessage(), broken);
            }
            if (ended && !shell.answered()) {
                refused = true;
                LOG.info("{}: a kept shell (`{}`) ended before answering its first batch; this host's batches"
                        + " go over sessions of their own", execution.node(), ShellFrames.SHELL);
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            shell.close();
            Thread.currentThread().interrupt();
            throw new DuetException(Reason.TIMEOUT, execution.node() + ": interrupted while running `" + line + "`", e);
        } finally {
            cancel(out);
            cancel(err);
        }
    }

    /**
     * The answer within the command's timeout (counted from before the send, {@link
     * RemoteExecution#deadlineFromNow}); past it, {@link RemoteExecution}'s rule for a late end: the
     * host's own timeout has {@link RemoteTimeout#confirmWithin()} to end the line and say so, or the error
     * says the end is not confirmed. Either way the shell is not reused: {@link #run} closes a shell that did not
     * answer.
     */
    ProbeShell.Answer awaitAnswer(Future<ProbeShell.Answer> out, Command command, Duration timeout,
            long deadline) throws InterruptedException, ExecutionException {
        try {
            ProbeShell.Answer answer = out.get(RemoteExecution.remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
            execution.judgeIfLate(command, timeout, deadline, answer.exit());
            return answer;
        } catch (TimeoutException late) {
            ProbeShell.Answer answer;
            try {
                answer = out.get(remoteTimeout.confirmWithin().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException unconfirmed) {
                throw execution.noExitAfterDeadline(command, timeout);
            } catch (ExecutionException dropped) {
                throw execution.droppedAfterDeadline(command, timeout, dropped.getCause());
            }
            execution.judgeLateExit(command, timeout, answer.exit());
            return answer;
        }
    }

    private Optional<ProbeShell> take(SSHClient ssh) {
        Slot slot = reserve(ssh);
        if (slot.idle() != null || !slot.mayOpen()) {
            return Optional.ofNullable(slot.idle());
        }
        // a slot is ours: open the shell outside the lock (a round trip to the host)
        try {
            return Optional.of(ProbeShell.open(ssh));
        } catch (IOException | IllegalStateException e) {
            release();
            if (!ssh.isConnected()) {
                throw new ConnectionLost(execution.node() + ": cannot open a shell: " + e.getMessage(), e);
            }
            return Optional.empty();
        }
    }

    /** An idle shell of {@code ssh}, or whether a new one may be opened (its slot then counted as taken). */
    private synchronized Slot reserve(SSHClient ssh) {
        while (!idle.isEmpty()) {
            ProbeShell shell = idle.pop();
            if (shell.client() == ssh && shell.open()) {
                return new Slot(shell, false);
            }
            shell.close();
            opened--;
        }
        if (closed || refused || opened >= MOST) {
            return new Slot(null, false);
        }
        opened++;
        return new Slot(null, true);
    }

    private record Slot(ProbeShell idle, boolean mayOpen) {
    }

    private synchronized void release() {
        opened--;
    }

    private void give(ProbeShell shell, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed && shell.open()) {
                idle.push(shell);
                return;
            }
            opened--;
        }
        shell.close();
    }

    private static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(true);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(ProbeShell::close);
        opened -= idle.size();
        idle.clear();
    }
}
