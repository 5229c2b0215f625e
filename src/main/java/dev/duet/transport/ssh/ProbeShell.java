package dev.duet.transport.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One {@code sh} kept running on a session channel of the host, which runs read-only probe lines sent to
 * its stdin one at a time (framed by {@link ShellFrames}). On a slow host most of a short command's cost is
 * the session: sshd forks, sets up the session and starts the login shell (~0.1 s on a lab guest under
 * TCG, more than {@code cat /proc/drbd} itself); a line sent to a running shell costs a fork.
 * <p>
 * The shell is started the way every command is ({@code exec sh} through the login shell, so the same
 * environment) and ends when its channel closes (sshd closes its stdin, {@code sh} exits at EOF).
 */
final class ProbeShell implements AutoCloseable {
    private final SSHClient client;
    private final Session session;
    private final Session.Command shell;
    /** Whether it has answered a request: a shell that fails its first says the host cannot keep one. */
    private volatile boolean answered;

    private ProbeShell(SSHClient client, Session session, Session.Command shell) {
        this.client = client;
        this.session = session;
        this.shell = shell;
    }

    /** Starts a shell on {@code ssh}; an IOException when the channel cannot be opened or the exec is refused. */
    static ProbeShell open(SSHClient ssh) throws IOException {
        Session session = ssh.startSession();
        try {
            return new ProbeShell(ssh, session, session.exec(ShellFrames.SHELL));
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The connection it runs on: a shell is used only on the connection it was opened on. */
    SSHClient client() {
        return client;
    }

    boolean answered() {
        return answered;
    }

    void markAnswered() {
        answered = true;
    }

    boolean open() {
        return client.isConnected() && session.isOpen() && !shell.isEOF();
    }

    /** Sends one request; the answer is read by the two tasks of the returned {@link Exchange}. */
    Exchange send(String line) throws IOException {
        ShellFrames frames = ShellFrames.fresh();
        OutputStream stdin = shell.getOutputStream();
        stdin.write(frames.request(line).getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        return new Exchange(frames, shell.getInputStream(), shell.getErrorStream());
    }

    /** Reading one answer: stdout up to its marker (with the exit status), stderr up to its own. */
    record Exchange(ShellFrames frames, InputStream out, InputStream err) {
        /** The command's stdout and exit status; EOFException when the shell ended first. */
        Callable<Answer> stdout() {
            return () -> {
                byte[] buf = new byte[8192];
                int n = 0;
                while (true) {
                    Optional<Integer> exit = frames.exitOf(buf, n);
                    if (exit.isPresent()) {
                        return new Answer(ShellFrames.before(buf, n), exit.get());
                    }
                    buf = n == buf.length ? Arrays.copyOf(buf, buf.length * 2) : buf;
                    int r = out.read(buf, n, buf.length - n);
                    if (r < 0) {
                        throw new EOFException("the shell ended before the command's end marker");
                    }
                    n += r;
                }
            };
        }

        /** The command's stderr; EOFException when the shell ended first. */
        Callable<byte[]> stderr() {
            return () -> {
                byte[] buf = new byte[1024];
                int n = 0;
                while (!frames.stderrEnded(buf, n)) {
                    buf = n == buf.length ? Arrays.copyOf(buf, buf.length * 2) : buf;
                    int r = err.read(buf, n, buf.length - n);
                    if (r < 0) {
                        throw new EOFException("the shell ended before the command's stderr marker");
                    }
                    n += r;
                }
                return ShellFrames.before(buf, n);
            };
        }
    }

    /** What a command printed on stdout, and its exit status. */
    record Answer(byte[] stdout, int exit) {
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // the channel is gone with its connection; nothing left to release
        }
    }
}
