package dev.duet.testing;

import dev.duet.transport.ssh.ShellFrames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** One exec request on a {@link FakeSshHost}: reads stdin to EOF, then answers from the host's rules. */
final class FakeCommand implements Command {
    /** GNU timeout's exit status when it ended the command. */
    private static final int TIMEOUT_EXIT = 124;

    /**
     * Where commands run, as sshd's forked children would: a thread each while it runs, threads reused
     * across the hosts of the JVM (a new thread per command cost more CPU than the command itself once
     * a hundred hosts share the JVM).
     */
    private static final ExecutorService COMMANDS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-ssh-cmd");
        t.setDaemon(true);
        return t;
    });

    private final FakeSshHost host;
    private final String rawLine;
    private final CountDownLatch closed = new CountDownLatch(1);
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    FakeCommand(FakeSshHost host, String rawLine) {
        this.host = host;
        this.rawLine = rawLine;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        String user = channel.getSession().getUsername();
        COMMANDS.execute(() -> {
            Thread.currentThread().setName("fake-ssh-" + host.name() + "-cmd");
            answer(channel, user);
        });
    }

    private void answer(ChannelSession channel, String user) {
        if (rawLine.equals(ShellFrames.SHELL)) {
            shell(channel, user);
            return;
        }
        try {
            String stdin = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            FakeRequest request = FakeRequest.of(host.name(), user, rawLine, stdin);
            Optional<FakeReply> ran = run(channel, request);
            if (ran.isEmpty()) {
                return;
            }
            FakeReply reply = ran.get();
            if (reply.stream() != null) {
                stream(reply.stream());
                return;
            }
            if (reply.hangs()) {
                if (hang(request, reply)) {
                    exit.onExit(TIMEOUT_EXIT);
                }
                return;
            }
            out.write(reply.stdout().getBytes(StandardCharsets.UTF_8));
            out.flush();
            err.write(reply.stderr().getBytes(StandardCharsets.UTF_8));
            err.flush();
            exit.onExit(reply.exit());
        } catch (IOException e) {
            exit.onExit(255, "fake-ssh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A kept shell ({@link ShellFrames}): each request's line is answered as an exec of it would be (it
     * counts as one), its answer framed as {@code sh} frames it; the shell ends at EOF, a drop ends the
     * connection as it does for an exec.
     */
    private void shell(ChannelSession channel, String user) {
        host.shellStarted();
        if (host.shellsRefused()) {
            try {
                err.write("sh: 1: exec: restricted\n".getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException ignored) {
                // the client went away; the exit below is all there is to say
            }
            exit.onExit(1);
            return;
        }
        try {
            BufferedReader requests = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StringBuilder text = new StringBuilder();
            String l;
            while ((l = requests.readLine()) != null) {
                text.append(l).append('\n');
                Optional<ShellFrames.Request> parsed = ShellFrames.parse(text.toString());
                if (parsed.isEmpty()) {
                    continue;
                }
                text.setLength(0);
                if (!shellAnswer(channel, FakeRequest.of(host.name(), user, parsed.get().line(), ""),
                        parsed.get().frames())) {
                    return;
                }
            }
            exit.onExit(0);
        } catch (IOException e) {
            exit.onExit(255, "fake-ssh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A request run as the host runs it: its reply after the host's latency; empty when the connection was
     * dropped instead (before it ran, or after it ran and before the reply), as the host's faults say.
     */
    private Optional<FakeReply> run(ChannelSession channel, FakeRequest request)
            throws IOException, InterruptedException {
        if (host.shouldDrop(request)) {
            channel.getSession().close(true);
            return Optional.empty();
        }
        FakeReply reply = host.reply(request);
        if (host.shouldDropAfterRunning(request)) {
            channel.getSession().close(true);
            return Optional.empty();
        }
        if (!host.latency().isZero()) {
            Thread.sleep(host.latency().toMillis());
        }
        return Optional.of(reply);
    }

    /** One request of a kept shell; false when the shell is over (the connection dropped, the channel closed). */
    private boolean shellAnswer(ChannelSession channel, FakeRequest request, ShellFrames frames)
            throws IOException, InterruptedException {
        Optional<FakeReply> ran = run(channel, request);
        if (ran.isEmpty()) {
            return false;
        }
        FakeReply reply = ran.get();
        if (reply.hangs() && !hang(request, reply)) {
            return false;
        }
        int status = reply.hangs() ? TIMEOUT_EXIT : reply.exit();
        out.write(frames.stdout(reply.hangs() ? "" : reply.stdout(), status).getBytes(StandardCharsets.UTF_8));
        out.flush();
        err.write(frames.stderr(reply.hangs() ? "" : reply.stderr()).getBytes(StandardCharsets.UTF_8));
        err.flush();
        return true;
    }

    /**
     * Like GNU timeout around a hung command: true when it ended it at the deadline; false when nothing can
     * end it, after the channel closed.
     */
    private boolean hang(FakeRequest request, FakeReply reply) throws InterruptedException {
        if (request.remoteTimeout() == null || reply.unkillable()) {
            closed.await();
            return false;
        }
        if (!closed.await(request.remoteTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            host.recordTerminated(request);
            return true;
        }
        return false;
    }

    private void stream(FakeStream stream) throws IOException, InterruptedException {
        stream.markStarted();
        String line;
        while ((line = stream.next(closed)) != null) {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException clientGone) {
                stream.markClosedByClient();
                return;
            }
        }
        if (closed.getCount() == 0) {
            stream.markClosedByClient();
        } else {
            exit.onExit(stream.exitCode());
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        closed.countDown();
    }
}
