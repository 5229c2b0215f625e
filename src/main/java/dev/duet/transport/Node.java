package dev.duet.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What steps may do to a host. Implementations: {@code SshNode} (SSHJ) and, in tests, scripted fakes.
 * Steps never see SSH. Every implementation used by the engine is wrapped in {@link ReadOnlyGuard}.
 */
public interface Node extends AutoCloseable {
    /** Inventory name of the host (e.g. node1). */
    String name();

    /** Runs a command; a non-zero exit is a result, not an exception. Transport failures throw. */
    CommandResult run(Command command);

    /** Reads a file, empty when it does not exist. Always read-only. */
    Optional<byte[]> readFile(String path);

    /**
     * Runs read-only commands and returns their results in order. Over SSH they go as one remote script
     * ({@link ProbeBatch}), one round trip; wrappers must forward this to their delegate.
     */
    default List<CommandResult> runAll(List<Command> commands) {
        List<CommandResult> out = new ArrayList<>();
        for (Command c : commands) {
            out.add(run(c));
        }
        return out;
    }

    /** A file's content with its mode and owner ({@link FileProbe}); over SSH in one round trip. */
    default FileProbe probeFile(String path) {
        return new FileProbe(readFile(path), () -> run(FileProbe.statCommand(path)));
    }

    /**
     * Writes a file atomically (temp name in the same directory, then rename), with mode (octal, e.g.
     * "0644") and owner ("root" or "root:root", null keeps the default). Mutating.
     */
    void writeFile(String path, byte[] content, String mode, String owner);

    /**
     * Starts a read-only command that keeps running, handing each stdout line to {@code onLine} on a
     * reader thread until the returned stream is closed or the command ends. Empty when this node cannot
     * stream; callers then fall back to running commands. Only {@code Command.probe} commands may stream.
     */
    default Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        return Optional.empty();
    }

    /**
     * This host over this node's own connection, its commands and files run with {@code escalation}
     * instead (a different {@code become} or {@code become_user} for one task). Empty when this node cannot
     * switch (test doubles); the caller then connects anew. Closing the result leaves the connection open.
     */
    default Optional<Node> as(Escalation escalation) {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
