package dev.duet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code duet plan}: the check halves only, with diffs; nothing on the hosts changes (the transport refuses it). */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what apply would change on each node, with diffs, touching nothing.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Override
    public Integer call() {
        return new PlaybookRun(options, true, true).execute();
    }
}
