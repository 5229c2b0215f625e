package dev.duet.cli;

import dev.duet.engine.Cancellation;
import dev.duet.engine.EventListener;
import dev.duet.engine.Plan;
import dev.duet.engine.Planner;
import dev.duet.engine.Recap;
import dev.duet.engine.RunOptions;
import dev.duet.engine.Runner;
import dev.duet.engine.StartAtTask;
import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.engine.TemplatedArgsCheck;
import dev.duet.output.HumanRenderer;
import dev.duet.output.JsonRenderer;
import dev.duet.output.ProgressRenderer;
import dev.duet.output.RedactingStream;
import dev.duet.playbook.Playbook;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Load inventory and playbook, plan everything (no host contacted yet), then run and render. */
final class PlaybookRun {
    private final RunOptionsMixin cli;
    private final boolean checkMode;
    private final boolean diff;

    PlaybookRun(RunOptionsMixin cli, boolean checkMode, boolean diff) {
        this.cli = cli;
        this.checkMode = checkMode;
        this.diff = diff;
    }

    int execute() {
        return execute((wiring, playbook) -> playbook);
    }

    /** The host names {@code --limit} keeps, or null without it; a pattern naming no host is refused. */
    private Set<String> limit(Wiring wiring) {
        if (cli.limit == null) {
            return null;
        }
        if (cli.limit.strip().startsWith("@")) {
            throw new InputException("--limit " + cli.limit + ": retry files are not supported; name hosts or groups");
        }
        return wiring.inventory().hostsMatching(cli.limit).stream().map(Host::name)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Runs what {@code derive} makes of the loaded playbook (recover builds its own play from it). */
    int execute(BiFunction<Wiring, Playbook, Playbook> derive) {
        Wiring wiring = new Wiring(cli.inventory, cli.playbook.toAbsolutePath().getParent(), cli.acceptNewHostKeys);
        Playbook playbook = derive.apply(wiring, wiring.playbook(cli.playbook));
        Map<String, Object> extra = new LinkedHashMap<>(cli.extraVars());
        RunOptions options = new RunOptions(checkMode, diff, Set.copyOf(cli.tags), Set.copyOf(cli.skipTags), extra);
        Plan plan = new Planner(wiring.modules(), wiring.templating(), wiring.hostPattern(), limit(wiring))
                .plan(playbook, options);
        if (cli.startAtTask != null) {
            plan = StartAtTask.apply(plan, cli.startAtTask);
        }
        new TemplatedArgsCheck(wiring.inventory(), extra).check(plan);
        // The one door to the terminal: results, diffs, warnings, progress and JSON all pass the redaction.
        PrintStream out = RedactingStream.wrap(System.out);
        if (cli.syntaxCheck || cli.listHosts || cli.listTasks || cli.listTags) {
            new PlaybookListing(out).print(plan, cli.playbook.toString(), cli.listHosts, cli.listTasks, cli.listTags);
            out.flush();
            return 0;
        }
        EventListener listener = cli.json ? new JsonRenderer(out)
                : new HumanRenderer(out, diff, new ProgressRenderer(out, System.console() != null), cli.verbose.length);
        // Ctrl-C: no new command starts, the running one may finish, the recap so far is printed (see RunInterrupt).
        Cancellation cancellation = new Cancellation();
        RunInterrupt interrupt = new RunInterrupt(cancellation, plan, RedactingStream.wrap(System.err), RunInterrupt.BOUND);
        Thread hook = new Thread(interrupt.onShutdown(), "duet-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Recap recap = new Runner(cancellation.guard(wiring.opener()), wiring.templating(),
                    interrupt.watching(listener)).run(plan, options);
            return recap.exitCode();
        } finally {
            cancellation.finished();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is running and waits for this run, which has just ended
            }
        }
    }
}
