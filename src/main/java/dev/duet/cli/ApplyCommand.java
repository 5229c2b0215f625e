package dev.duet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code duet apply}: converge the hosts to the playbook. {@code --check} is {@code plan}. */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Converge the hosts to the playbook.")
public final class ApplyCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Option(names = {"-C", "--check"}, description = "Check mode: the same as 'duet plan'.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show diffs of changed files.")
    boolean diff;

    @Override
    public Integer call() {
        return new PlaybookRun(options, check, diff || check).execute();
    }
}
