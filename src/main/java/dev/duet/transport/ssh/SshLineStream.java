package dev.duet.transport.ssh;

import dev.duet.transport.LineStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming command on its own session channel: stdout lines go to a consumer on a daemon thread.
 * The channel gets a pseudo-terminal so that closing it hangs up the remote command (without one, a
 * quiet {@code drbdsetup events2} would linger until its next write hit the closed pipe); the terminal
 * merges stderr into the lines and ends them with CR LF, which is stripped.
 */
final class SshLineStream implements LineStream {
    private static final Logger COMMANDS = LoggerFactory.getLogger("duet.commands");

    private final String node;
    private final String line;
    private final Session session;
    private final ExecutorService io;
    /** Its end and why ("closed" when closed here first): the stream's only state. */
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private SshLineStream(String node, String line, Session session, ExecutorService io) {
        this.node = node;
        this.line = line;
        this.session = session;
        this.io = io;
    }

    /** Starts {@code line}; throws {@link ConnectionLost} when no channel can be opened. */
    static SshLineStream start(String node, SSHClient ssh, String line, Consumer<String> onLine, ExecutorService io) {
        Session session;
        Session.Command exec;
        try {
            session = ssh.startSession();
        } catch (IOException | IllegalStateException e) {
            throw new ConnectionLost(node + ": cannot open a session to stream `" + line + "`: " + e.getMessage(), e);
        }
        var stream = new SshLineStream(node, line, session, io);
        try {
            session.allocateDefaultPTY();
            exec = session.exec(line);
            exec.getOutputStream().close();
        } catch (IOException e) {
            stream.closeQuietly();
            throw new ConnectionLost(node + ": cannot start streaming `" + line + "`: " + e.getMessage(), e);
        }
        COMMANDS.info("{} stream started: {}", node, line);
        io.submit(() -> stream.read(exec, exec.getInputStream(), onLine));
        return stream;
    }

    private void read(Session.Command exec, InputStream stdout, Consumer<String> onLine) {
        try (var reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String l;
            while ((l = reader.readLine()) != null) {
                onLine.accept(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            }
            if (!ended.isDone()) {
                ended.complete("ended" + exitText(exec));
            }
        } catch (IOException | RuntimeException e) {
            ended.complete("failed: " + e.getMessage()); // a close before this already said "closed"
        } finally {
            COMMANDS.info("{} stream {}: {}", node, ended.join(), line);
            closeQuietly();
        }
    }

    private static String exitText(Session.Command exec) {
        try {
            exec.join();
        } catch (IOException ignored) {
            // the exit status may never come on a dropped connection
        }
        Integer status = exec.getExitStatus();
        return status == null ? "" : " with exit code " + status;
    }

    @Override
    public boolean isOpen() {
        return !ended.isDone();
    }

    @Override
    public String endReason() {
        return ended.getNow("");
    }

    @Override
    public CompletionStage<String> ended() {
        return ended;
    }

    @Override
    public void close() {
        if (!ended.complete("closed")) {
            return;
        }
        // closing waits for the server's answer: never make the caller wait for the remote side
        io.submit(this::closeQuietly);
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // a dead transport has nothing left to close
        }
    }
}
