package dev.duet.transport;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** In check mode, refuses every command not marked read-only and every file write: a guard, not a convention. */
public final class ReadOnlyGuard implements Node {
    private final Node delegate;
    private final boolean checkMode;

    public ReadOnlyGuard(Node delegate, boolean checkMode) {
        this.delegate = delegate;
        this.checkMode = checkMode;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public CommandResult run(Command command) {
        refuseInCheckMode(command);
        return delegate.run(command);
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        commands.forEach(this::refuseInCheckMode);
        return delegate.runAll(commands);
    }

    @Override
    public FileProbe probeFile(String path) {
        return delegate.probeFile(path);
    }

    private void refuseInCheckMode(Command command) {
        if (checkMode && !command.readOnly()) {
            throw new DuetException(Reason.CHECK_MODE_VIOLATION,
                    name() + ": refused to run `" + command.line() + "` in check mode");
        }
    }

    /** Streams are for watching: a mutating command never streams, in check mode or not. */
    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        if (!command.readOnly()) {
            throw new DuetException(checkMode ? Reason.CHECK_MODE_VIOLATION : Reason.REFUSED,
                    name() + ": refused to stream `" + command.line() + "`: only read-only commands may stream");
        }
        return delegate.stream(command, onLine);
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        return delegate.readFile(path);
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        if (checkMode) {
            throw new DuetException(Reason.CHECK_MODE_VIOLATION, name() + ": refused to write " + path + " in check mode");
        }
        delegate.writeFile(path, content, mode, owner);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
