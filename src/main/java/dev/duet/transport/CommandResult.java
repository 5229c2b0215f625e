package dev.duet.transport;

import java.time.Duration;

public record CommandResult(Command command, int exitCode, String stdout, String stderr, Duration duration) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** The result, or a COMMAND_FAILED error naming the command, exit code and stderr. */
    public CommandResult orThrow(String node) {
        if (!ok()) {
            throw new CommandFailedException(node, this);
        }
        return this;
    }
}
