package dev.duet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        try {
            String stdin = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            FakeRequest request = FakeRequest.of(host.name(), user, rawLine, stdin);
            if (host.shouldDrop(request)) {
                channel.getSession().close(true);
                return;
            }
            FakeReply reply = host.reply(request);
            if (host.shouldDropAfterRunning(request)) {
                channel.getSession().close(true);
                return;
            }
            if (!host.latency().isZero()) {
                Thread.sleep(host.latency().toMillis());
            }
            if (reply.stream() != null) {
                stream(reply.stream());
                return;
            }
            if (reply.hangs()) {
                hang(request, reply);
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

    /** Like GNU timeout around a hung command: ends it at the deadline unless nothing can end it. */
    private void hang(FakeRequest request, FakeReply reply) throws InterruptedException {
        if (request.remoteTimeout() == null || reply.unkillable()) {
            closed.await();
            return;
        }
        if (!closed.await(request.remoteTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            host.recordTerminated(request);
            exit.onExit(TIMEOUT_EXIT);
        }
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
