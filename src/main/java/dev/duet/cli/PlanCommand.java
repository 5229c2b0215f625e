package dev.duet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code duet plan}: the check halves only, with diffs; nothing on the hosts changes (the transport refuses it). */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what apply would change on each node, with diffs, touching nothing.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    /** Accepted as users type it after ansible-playbook's {@code --check --diff}: plan always shows diffs. */
    @Option(names = {"-D", "--diff"}, description = "Show diffs (plan always does; accepted for ansible-playbook habits).")
    boolean diff;

    @Override
    public Integer call() {
        return new PlaybookRun(options, true, true).execute();
    }
}
