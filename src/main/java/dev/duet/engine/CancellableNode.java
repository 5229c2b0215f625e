package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A node that starts nothing new once its run is cancelled; what already runs is left to finish. */
final class CancellableNode implements Node {
    private final Node node;
    private final Cancellation cancellation;

    CancellableNode(Node node, Cancellation cancellation) {
        this.node = node;
        this.cancellation = cancellation;
    }

    @Override
    public String name() {
        return node.name();
    }

    @Override
    public CommandResult run(Command command) {
        return guarded("`" + command.line() + "`", () -> node.run(command));
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        return guarded(commands.size() == 1 ? "`" + commands.get(0).line() + "`" : commands.size() + " probes",
                () -> node.runAll(commands));
    }

    @Override
    public FileProbe probeFile(String path) {
        return guarded("reading " + path, () -> node.probeFile(path));
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        return guarded("reading " + path, () -> node.readFile(path));
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        guarded("writing " + path, () -> {
            node.writeFile(path, content, mode, owner);
            return null;
        });
    }

    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        return guarded("streaming `" + command.line() + "`", () -> node.stream(command, onLine));
    }

    private <T> T guarded(String what, Supplier<T> work) {
        cancellation.checkNotCancelled(name(), what);
        String entry = name() + ": " + what;
        cancellation.started(entry);
        try {
            return work.get();
        } finally {
            cancellation.ended(entry);
        }
    }

    @Override
    public Optional<Node> as(dev.duet.transport.Escalation escalation) {
        return node.as(escalation).map(other -> new CancellableNode(other, cancellation));
    }

    @Override
    public void close() {
        node.close();
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
