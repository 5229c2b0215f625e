package dev.duet.transport;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A file's content and its {@code stat -c '%a %U:%G'} answer. Over SSH both come in one round trip
 * ({@link Node#probeFile}); elsewhere the stat runs only when asked for.
 */
public final class FileProbe {
    private final Optional<byte[]> content;
    private final Supplier<CommandResult> stat;
    private CommandResult statResult;

    public FileProbe(Optional<byte[]> content, Supplier<CommandResult> stat) {
        this.content = content;
        this.stat = stat;
    }

    public FileProbe(Optional<byte[]> content, CommandResult stat) {
        this(content, () -> stat);
    }

    public static Command statCommand(String path) {
        return Command.probe("stat", "-c", "%a %U:%G", path);
    }

    /** The content; empty when the file does not exist. */
    public Optional<byte[]> content() {
        return content.map(byte[]::clone);
    }

    /** Mode and owner as {@code stat -c '%a %U:%G'} printed them. */
    public synchronized CommandResult stat() {
        if (statResult == null) {
            statResult = stat.get();
        }
        return statResult;
    }
}
