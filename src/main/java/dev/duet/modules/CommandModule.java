package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.transport.ShellWords;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code command}: {@code cmd} (split like a shell would, but run without one) or
 * {@code argv} (a list), {@code creates} / {@code removes} (absolute paths that make it a no-op).
 */
public final class CommandModule implements Module {
    @Override
    public String name() {
        return "command";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of();
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("cmd", "argv", "creates", "removes");
    }

    @Override
    public Step bind(Args args) {
        if (args.has("cmd") == args.has("argv")) {
            throw args.error(args.has("argv") ? "argv" : "cmd", "exactly one of 'cmd' and 'argv' is required");
        }
        List<String> argv;
        if (args.has("cmd")) {
            try {
                argv = ShellWords.split(args.string("cmd"));
            } catch (IllegalArgumentException e) {
                throw args.error("cmd", "cannot be split into words: " + e.getMessage());
            }
        } else {
            argv = args.list("argv").stream().map(String::valueOf).toList();
        }
        refuseNul(args, args.has("cmd") ? "cmd" : "argv", argv);
        if (argv.isEmpty()) {
            throw args.error(args.has("cmd") ? "cmd" : "argv", "must not be empty");
        }
        return new CommandStep(argv, args.optPath("creates").orElse(null), args.optPath("removes").orElse(null));
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args literal = Args.literals(name(), rawArgs, where);
        for (String key : new String[] {"cmd", "argv"}) {
            Object v = literal.raw().get(key);
            if (v != null) {
                refuseNul(literal, key, v);
            }
        }
    }

    /**
     * A NUL byte cannot travel in an argv: C strings end there, and sshd drops the connection on it (seen
     * as UNREACHABLE). It is a bad value, refused where it was written.
     */
    private static void refuseNul(Args args, String key, Object value) {
        if (String.valueOf(value).indexOf('\0') >= 0) {
            throw args.error(key, "contains a NUL byte (\\0), which no command argument can carry");
        }
    }
}
