package dev.duet.modules;

import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Probe;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import dev.duet.transport.Shell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a command; it counts as changed only when it ran. {@code creates}/{@code removes} are the only
 * way to know beforehand that it need not run, so without them a check says "would run" (or, for
 * {@code shell} in check mode, that its outcome is unknown). The act's result carries {@code rc},
 * {@code stdout}, {@code stderr} for {@code register:}; a non-zero rc fails (the task's
 * {@code failed_when} may overrule it). {@code environment} travels on stdin, never in argv or the log.
 */
public final class CommandStep implements Step, Probe {
    /** Reads NAME=value lines from stdin into the environment, then runs the command with stdin closed. */
    private static final String WITH_ENV = "while IFS= read -r kv; do export \"$kv\"; done; exec \"$@\" </dev/null";

    private final List<String> argv;
    private final String creates;
    private final String removes;
    private final Map<String, String> environment;
    private final boolean shell;

    public CommandStep(List<String> argv, String creates, String removes) {
        this(argv, creates, removes, Map.of(), false);
    }

    CommandStep(List<String> argv, String creates, String removes, Map<String, String> environment, boolean shell) {
        this.argv = List.copyOf(argv);
        this.creates = creates;
        this.removes = removes;
        this.environment = Map.copyOf(environment);
        this.shell = shell;
    }

    @Override
    public Check check(StepContext ctx) {
        Node node = ctx.node();
        if (creates != null && exists(node, creates)) {
            return Check.ok("skipped, since " + creates + " exists");
        }
        if (removes != null && !exists(node, removes)) {
            return Check.ok("skipped, since " + removes + " does not exist");
        }
        if (shell && ctx.checkMode()) {
            return Check.skip("skipped, no check mode support: a shell command's effect is unknown until it runs"
                    + " (add creates/removes, or check_mode: false with changed_when: false if it only reads)");
        }
        return Check.change("would run `" + shown() + "`");
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        return run(ctx.node(), false);
    }

    /** The same command sent as read-only: the user declared it reads only (check_mode: false, changed_when: false). */
    @Override
    public Done probe(StepContext ctx) {
        return run(ctx.node(), true);
    }

    private Done run(Node node, boolean readOnly) {
        List<String> line = new ArrayList<>();
        if (!environment.isEmpty()) {
            line.addAll(List.of("sh", "-c", WITH_ENV, "sh"));
        }
        line.addAll(argv);
        Command command = new Command(line, readOnly, null, Command.DEFAULT_TIMEOUT, false);
        if (!environment.isEmpty()) {
            StringBuilder env = new StringBuilder();
            environment.forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
            command = command.withSecretStdin(env.toString());
        }
        CommandResult result = node.run(command).orThrow(node.name());
        return Done.changed("ran `" + shown() + "`").withResult(values(result));
    }

    /** What {@code register:} sees of a command that ran. */
    private static Map<String, Object> values(CommandResult result) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rc", result.exitCode());
        values.put("stdout", strip(result.stdout()));
        values.put("stderr", strip(result.stderr()));
        return values;
    }

    private String shown() {
        return shell ? argv.get(argv.size() - 1) : Shell.join(argv);
    }

    /** Ansible strips the final newline of stdout and stderr. */
    private static String strip(String s) {
        return s == null ? "" : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean exists(Node node, String path) {
        return node.run(Command.probe("test", "-e", path)).ok();
    }
}
