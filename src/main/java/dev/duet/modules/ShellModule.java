package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.List;
import java.util.Set;

/**
 * Ansible's {@code shell}: {@code cmd} run by {@code /bin/sh -c} on the host, {@code creates} /
 * {@code removes}, the task keyword {@code environment}. Check mode cannot know what a shell line would
 * do, so there it is "skipped, no check mode support" unless creates/removes decide (as in Ansible).
 * Values reach the line through templates: quote them with {@code | quote} where they may hold spaces.
 */
public final class ShellModule implements Module {
    @Override
    public String name() {
        return "shell";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("cmd");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("creates", "removes", "environment");
    }

    @Override
    public boolean probeable() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        String line = args.string("cmd");
        if (line.isBlank()) {
            throw args.error("cmd", "must not be empty");
        }
        return new CommandStep(List.of("sh", "-c", line), args.optPath("creates").orElse(null),
                args.optPath("removes").orElse(null), Environment.of(args), true);
    }
}
