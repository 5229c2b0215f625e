package dev.duet.transport;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.util.Base64;
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

    /** Prints the file's bytes as one line of base64: read-only (encoding only, to standard output). */
    public static Command base64Command(String path) {
        return Command.probe("base64", "-w", "0", "--", path);
    }

    /**
     * The probe from {@link #statCommand} and {@link #base64Command} answers: a missing file is empty content;
     * content that could not be read otherwise is an error (unknown), never empty.
     */
    public static FileProbe fromBase64(String node, String path, CommandResult stat, CommandResult content) {
        if (!stat.ok() && (stat.stderr() + content.stderr()).contains("No such file")) {
            return new FileProbe(Optional.empty(), stat);
        }
        if (!content.ok()) {
            throw new DuetException(Reason.COMMAND_FAILED, node + ": cannot read " + path + ": exit "
                    + content.exitCode() + " " + content.stderr().strip());
        }
        return new FileProbe(Optional.of(Base64.getMimeDecoder().decode(content.stdout().strip())), stat);
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
