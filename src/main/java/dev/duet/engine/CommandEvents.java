package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Tells the listener about each remote command, file read and write as it ends (what {@code -vv} and
 * {@code -vvv} show), unless {@code hidden} is set: a {@code no_log} task runs with it set, and its
 * commands are not told. Stdin is never told (environment values and secrets travel there).
 */
final class CommandEvents implements Node {
    private final Node node;
    private final EventListener listener;
    private final AtomicBoolean hidden;

    CommandEvents(Node node, EventListener listener, AtomicBoolean hidden) {
        this.node = node;
        this.listener = listener;
        this.hidden = hidden;
    }

    @Override
    public String name() {
        return node.name();
    }

    @Override
    public CommandResult run(Command command) {
        CommandResult r = node.run(command);
        tell(command.line(), r.exitCode(), r.stdout(), r.stderr(), r.duration());
        return r;
    }

    /** The batch goes as one (one round trip): each command is told with its own answer. */
    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        List<CommandResult> results = node.runAll(commands);
        for (int i = 0; i < results.size() && i < commands.size(); i++) {
            CommandResult r = results.get(i);
            tell(commands.get(i).line(), r.exitCode(), r.stdout(), r.stderr(), r.duration());
        }
        return results;
    }

    /** Content and mode in one round trip where the host can (see {@link Node#probeFile}). */
    @Override
    public FileProbe probeFile(String path) {
        long t0 = System.nanoTime();
        FileProbe probe = node.probeFile(path);
        tell("(probe " + path + ")", 0, null, null, since(t0));
        return probe;
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        long t0 = System.nanoTime();
        Optional<byte[]> content = node.readFile(path);
        tell("(read " + path + ")", content.isPresent() ? 0 : 1, null, null, since(t0));
        return content;
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        long t0 = System.nanoTime();
        node.writeFile(path, content, mode, owner);
        tell("(write " + path + ", " + content.length + " bytes" + (mode == null ? "" : ", mode " + mode) + ")", 0,
                null, null, since(t0));
    }

    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        Optional<LineStream> s = node.stream(command, onLine);
        if (s.isPresent()) {
            tell("(following) " + command.line(), 0, null, null, java.time.Duration.ZERO);
        }
        return s;
    }

    @Override
    public void close() {
        node.close();
    }

    private void tell(String line, int exit, String stdout, String stderr, java.time.Duration took) {
        if (!hidden.get()) {
            listener.on(new EngineEvent.CommandRan(node.name(), line, exit, stdout, stderr, took));
        }
    }

    private static java.time.Duration since(long t0) {
        return java.time.Duration.ofNanos(System.nanoTime() - t0);
    }
}
