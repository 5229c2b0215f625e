package dev.duet.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One remote command, as argv. {@code readOnly} commands may run in check mode; all others are refused
 * there by {@link ReadOnlyGuard}. {@code stdin} carries secrets so they never appear in argv or logs.
 * A {@code script} command runs through {@code sh -c}; use it only for fixed pipelines, never for values.
 */
public record Command(List<String> argv, boolean readOnly, String stdin, Duration timeout, boolean sensitiveStdin) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public Command {
        argv = List.copyOf(argv);
        Objects.requireNonNull(timeout, "timeout");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    /** A command that only looks. */
    public static Command probe(String... argv) {
        return new Command(List.of(argv), true, null, DEFAULT_TIMEOUT, false);
    }

    /** A command that changes the node. */
    public static Command change(String... argv) {
        return new Command(List.of(argv), false, null, DEFAULT_TIMEOUT, false);
    }

    /** A fixed read-only shell snippet (e.g. a pipeline); values must be passed as positional args. */
    public static Command probeScript(String script, String... args) {
        return new Command(scriptArgv(script, args), true, null, DEFAULT_TIMEOUT, false);
    }

    /** A fixed mutating shell snippet; values must be passed as positional args ($1, $2, ...). */
    public static Command changeScript(String script, String... args) {
        return new Command(scriptArgv(script, args), false, null, DEFAULT_TIMEOUT, false);
    }

    private static List<String> scriptArgv(String script, String... args) {
        var argv = new java.util.ArrayList<String>(List.of("sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        return argv;
    }

    public Command withTimeout(Duration t) {
        return new Command(argv, readOnly, stdin, t, sensitiveStdin);
    }

    public Command withStdin(String input) {
        return new Command(argv, readOnly, input, timeout, false);
    }

    /** Stdin that must never be logged (a shared secret). */
    public Command withSecretStdin(String input) {
        return new Command(argv, readOnly, input, timeout, true);
    }

    /** The line sent to the remote shell. */
    public String line() {
        return Shell.join(argv);
    }

    @Override
    public String toString() {
        return line();
    }
}
