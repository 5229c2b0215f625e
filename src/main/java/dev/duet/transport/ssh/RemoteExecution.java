package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * Runs one command on its own session channel of an open connection. Stdout and stderr are drained
 * concurrently (a full window would otherwise stall the remote side); stdin is written then closed, so
 * a command reading stdin always sees EOF. The line arrives already wrapped by {@link RemoteTimeout}, so a
 * command that outlives its timeout is ended on the host, and the error says whether that was confirmed.
 */
final class RemoteExecution {
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(10);

    private final String node;
    private final ExecutorService io;
    private final RemoteTimeout remoteTimeout;

    RemoteExecution(String node, ExecutorService io, RemoteTimeout remoteTimeout) {
        this.node = node;
        this.io = io;
        this.remoteTimeout = remoteTimeout;
    }

    String node() {
        return node;
    }

    CommandResult run(SSHClient ssh, Command command, String line, Duration timeout) {
        long start = System.nanoTime();
        Session session = openSession(ssh, line);
        boolean abandoned = false;
        try {
            long deadline = deadlineFromNow(timeout);
            Session.Command exec = session.exec(line);
            Future<byte[]> out = io.submit(() -> exec.getInputStream().readAllBytes());
            Future<byte[]> err = io.submit(() -> exec.getErrorStream().readAllBytes());
            io.submit(() -> writeStdin(exec.getOutputStream(), command.stdin()));
            if (!awaitExit(exec, remaining(deadline))) {
                abandoned = true;
                confirmTermination(exec, ssh, command, line, timeout);
                abandoned = false;
                // it finished by itself just after our deadline: its result stands
            }
            String stdout = utf8(drain(out, line));
            String stderr = utf8(drain(err, line));
            int exit = exitCode(exec, ssh, line);
            judgeIfLate(command, timeout, deadline, exit);
            return new CommandResult(command, exit, stdout, stderr, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new ConnectionLost(node + ": connection lost while running `" + line + "`: " + e.getMessage(), e);
        } finally {
            if (abandoned) {
                // The server answers our close only once the command has ended, so a close here could
                // block as long as the hung command itself.
                io.submit(() -> closeQuietly(session));
            } else {
                closeQuietly(session);
            }
        }
    }

    /**
     * After the local deadline the remote timeout(1) fires too: waits for its report and throws TIMEOUT
     * saying whether the host confirmed the end. Returns only when the command ended by itself.
     * A connection lost now is not retried: the command already had its full time.
     */
    private void confirmTermination(Session.Command exec, SSHClient ssh, Command command, String line,
            Duration timeout) {
        int exit;
        try {
            if (!awaitExit(exec, remoteTimeout.confirmWithin())) {
                signalKill(exec);
                throw noExitAfterDeadline(command, timeout);
            }
            exit = exitCode(exec, ssh, line);
        } catch (IOException e) {
            throw droppedAfterDeadline(command, timeout, e);
        }
        judgeLateExit(command, timeout, exit);
    }

    /**
     * The rule for a command's end after the local deadline, whatever carried the command (its own session,
     * or a kept shell): an exit status of the host's timeout is a confirmed termination (TIMEOUT); any other
     * means it finished by itself just after the deadline, and its result stands (this returns).
     */
    void judgeLateExit(Command command, Duration timeout, int exit) {
        if (RemoteTimeout.endedByTimeout(exit)) {
            throw terminated(command, timeout, exit);
        }
    }

    /**
     * The local deadline of a command about to be sent. It counts from before the send, and the host's
     * timeout only from the line's arrival, so ours passes first however late the waiting thread runs.
     */
    static long deadlineFromNow(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /** What is left until {@code deadline}; at least 1 ms (a wait of zero could mean "forever"). */
    static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime()));
    }

    /**
     * {@link #judgeLateExit} for an exit status first seen after {@code deadline}, even when the wait for it
     * did not time out: a waiting thread that ran late finds the host timeout's own exit already there,
     * which is a termination and not the command's answer. Before the deadline the exit stands.
     */
    void judgeIfLate(Command command, Duration timeout, long deadline, int exit) {
        if (System.nanoTime() - deadline >= 0) {
            judgeLateExit(command, timeout, exit);
        }
    }

    /** No exit status within {@link RemoteTimeout#confirmWithin()} after the deadline: the end is not confirmed. */
    DuetException noExitAfterDeadline(Command command, Duration timeout) {
        return notConfirmed(command, timeout, node + " reported no exit " + human(remoteTimeout.confirmWithin())
                + " after the deadline");
    }

    /** The connection dropped while waiting past the deadline: the end is not confirmed, and not retried. */
    DuetException droppedAfterDeadline(Command command, Duration timeout, Throwable e) {
        return notConfirmed(command, timeout, "the connection dropped while waiting for " + node
                + " to end it (" + e.getMessage() + "); its timeout still ends it there unless it is stuck");
    }

    private DuetException terminated(Command command, Duration timeout, int exit) {
        return new DuetException(Reason.TIMEOUT, node + ": `" + command.line() + "` did not finish within "
                + human(timeout) + "; terminated on " + node + " (SIGTERM to its process group, SIGKILL "
                + human(remoteTimeout.killAfter()) + " later if still alive); termination confirmed (exit "
                + exit + " from timeout)");
    }

    private DuetException notConfirmed(Command command, Duration timeout, String why) {
        String program = command.argv().get(0).equals("sh") ? "timeout" : command.argv().get(0);
        return new DuetException(Reason.TIMEOUT, node + ": `" + command.line() + "` did not finish within "
                + human(timeout) + "; termination NOT confirmed: " + why + ", so it may still be running there"
                + " (a process stuck in the kernel ignores SIGKILL); check with `pgrep -af " + program + "` on " + node);
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private Session openSession(SSHClient ssh, String line) {
        try {
            return ssh.startSession();
        } catch (IOException | IllegalStateException e) {
            throw new ConnectionLost(node + ": cannot open a session for `" + line + "`: " + e.getMessage(), e);
        }
    }

    /** True when the command ended within {@code timeout}. */
    private static boolean awaitExit(Session.Command exec, Duration timeout) throws ConnectionException {
        try {
            exec.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ConnectionException e) {
            if (causedByTimeout(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A last resort for a remote side that never reported: OpenSSH honours it only for non-root, non-sudo logins. */
    private static void signalKill(Session.Command exec) {
        try {
            exec.signal(Signal.KILL);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the server may refuse signals
        }
    }

    private static Void writeStdin(OutputStream stdin, String text) {
        try (stdin) {
            if (text != null) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException ignored) {
            // the command exited without reading its input; its exit code tells the story
        }
        return null;
    }

    private byte[] drain(Future<byte[]> stream, String line) throws IOException {
        try {
            return stream.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("output of `" + line + "` did not end after the command exited", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DuetException(Reason.TIMEOUT, node + ": interrupted while running `" + line + "`", e);
        }
    }

    private int exitCode(Session.Command exec, SSHClient ssh, String line) throws IOException {
        Integer status = exec.getExitStatus();
        if (status != null) {
            return status;
        }
        if (exec.getExitSignal() != null) {
            return 128 + signalNumber(exec.getExitSignal());
        }
        if (!ssh.isConnected()) {
            throw new IOException("the connection closed before `" + line + "` reported an exit status");
        }
        return -1;
    }

    private static int signalNumber(Signal signal) {
        return switch (signal) {
            case HUP -> 1;
            case INT -> 2;
            case QUIT -> 3;
            case ILL -> 4;
            case ABRT -> 6;
            case FPE -> 8;
            case KILL -> 9;
            case USR1 -> 10;
            case SEGV -> 11;
            case USR2 -> 12;
            case PIPE -> 13;
            case ALRM -> 14;
            case TERM -> 15;
            default -> 0;
        };
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // the session ends with the channel; a dead transport has nothing left to close
        }
    }
}
