package dev.duet.cli;

import dev.duet.engine.EngineEvent;
import dev.duet.engine.EventListener;
import dev.duet.engine.PairRuns;
import dev.duet.engine.Plan;
import dev.duet.engine.Planner;
import dev.duet.engine.Recap;
import dev.duet.engine.RunOptions;
import dev.duet.engine.Runner;
import dev.duet.engine.TemplatedArgsCheck;
import dev.duet.error.InputException;
import dev.duet.output.HumanRenderer;
import dev.duet.output.JsonRenderer;
import dev.duet.output.ProgressRenderer;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.PlaybookTemplating;
import dev.duet.playbook.Templating;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** One run; or, on an inventory of many pairs (see {@link PairScopes}), one run per pair, in parallel. */
    int execute() {
        Wiring wiring = new Wiring(cli.inventory, cli.acceptNewHostKeys);
        Playbook playbook = wiring.playbook(cli.playbook);
        List<PairScopes.Scope> scopes = PairScopes.of(wiring.inventory(), playbook);
        if (scopes.isEmpty()) {
            return run(wiring, playbook);
        }
        if (cli.forks < 1) {
            throw new InputException("--forks must be at least 1, got " + cli.forks);
        }
        Map<String, Object> extra = new LinkedHashMap<>(cli.extraVars);
        RunOptions options = options(extra);
        EventListener listener = listener();
        List<EngineEvent.RunFinished> finished = new ArrayList<>();
        List<PairRuns.Pair> pairs = new ArrayList<>();
        // every pair is planned and checked before any host is contacted
        for (PairScopes.Scope scope : scopes) {
            Templating templating = new PlaybookTemplating(scope.inventory());
            Plan plan = new Planner(wiring.modules(), templating, scope.inventory()::hostsMatching).plan(playbook, options);
            new TemplatedArgsCheck(scope.inventory(), extra).check(plan);
            pairs.add(new PairRuns.Pair(scope.name(), plan, new Runner(wiring.opener(), templating,
                    PairRuns.forPair(scope.name(), listener, finished))));
        }
        return new PairRuns(cli.forks, listener).run(pairs, options, finished).exitCode();
    }

    private RunOptions options(Map<String, Object> extra) {
        return new RunOptions(checkMode, diff, Set.copyOf(cli.tags), Set.copyOf(cli.skipTags), extra);
    }

    private EventListener listener() {
        PrintStream out = System.out;
        return cli.json ? new JsonRenderer(out)
                : new HumanRenderer(out, diff, new ProgressRenderer(out, System.console() != null));
    }

    /** Runs what {@code derive} makes of the loaded playbook (recover builds its own play from it). */
    int execute(BiFunction<Wiring, Playbook, Playbook> derive) {
        Wiring wiring = new Wiring(cli.inventory, cli.acceptNewHostKeys);
        return run(wiring, derive.apply(wiring, wiring.playbook(cli.playbook)));
    }

    private int run(Wiring wiring, Playbook playbook) {
        Map<String, Object> extra = new LinkedHashMap<>(cli.extraVars);
        RunOptions options = options(extra);
        Plan plan = new Planner(wiring.modules(), wiring.templating(), wiring.hostPattern()).plan(playbook, options);
        new TemplatedArgsCheck(wiring.inventory(), extra).check(plan);
        EventListener listener = listener();
        Recap recap = new Runner(wiring.opener(), wiring.templating(), listener).run(plan, options);
        return recap.exitCode();
    }
}
