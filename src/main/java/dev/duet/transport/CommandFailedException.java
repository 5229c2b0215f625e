package dev.duet.transport;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;

public class CommandFailedException extends DuetException {
    private final transient CommandResult result;
    private final String node;

    public CommandFailedException(String node, CommandResult result) {
        super(Reason.COMMAND_FAILED, node + ": `" + result.command().line() + "` exited " + result.exitCode()
                + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        this.result = result;
        this.node = node;
    }

    public String node() {
        return node;
    }

    public CommandResult result() {
        return result;
    }

    private static String tail(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        String[] lines = t.split("\n");
        int from = Math.max(0, lines.length - 5);
        return ": " + String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
