package dev.duet.cli;

import dev.duet.engine.Cancellation;
import dev.duet.engine.EngineEvent;
import dev.duet.engine.EventListener;
import dev.duet.engine.NodeOpener;
import dev.duet.engine.PairRuns;
import dev.duet.engine.Plan;
import dev.duet.engine.Planner;
import dev.duet.engine.Recap;
import dev.duet.engine.RunOptions;
import dev.duet.engine.Runner;
import dev.duet.engine.StartAtTask;
import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.engine.TemplatedArgsCheck;
import dev.duet.inventory.Inventory;
import dev.duet.output.HumanRenderer;
import dev.duet.output.JsonRenderer;
import dev.duet.output.ProgressRenderer;
import dev.duet.output.RedactingStream;
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
import java.util.function.UnaryOperator;

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

    /** Runs the playbook: one run, or on an inventory of many pairs (see {@link PairScopes}) one run per pair, in parallel. */
    int execute() {
        return execute((wiring, playbook) -> playbook, true);
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

    /**
     * Runs what {@code derive} makes of the loaded playbook (recover builds its own play from it, naming one
     * node): always one run over the whole inventory.
     */
    int execute(BiFunction<Wiring, Playbook, Playbook> derive) {
        return execute(derive, false);
    }

    private int execute(BiFunction<Wiring, Playbook, Playbook> derive, boolean perPair) {
        Wiring wiring = new Wiring(cli.inventories, cli.playbook.toAbsolutePath().getParent(), cli.acceptNewHostKeys)
                .persist(Persist.of(cli.persist, System.getenv("DUET_PERSIST")));
        Playbook playbook = derive.apply(wiring, wiring.playbook(cli.playbook));
        if (cli.forks < 1) {
            throw new InputException("--forks must be at least 1, got " + cli.forks);
        }
        Map<String, Object> extra = new LinkedHashMap<>(cli.extraVars());
        RunOptions options = new RunOptions(checkMode, diff, Set.copyOf(cli.tags), Set.copyOf(cli.skipTags), extra);
        Set<String> limit = limit(wiring);
        List<PairScopes.Scope> scopes = perPair ? PairScopes.of(wiring.inventory(), playbook) : List.of();
        // every pair is planned and checked before any host is contacted
        List<Planned> planned = new ArrayList<>();
        if (scopes.isEmpty()) {
            planned.add(plan(null, wiring, wiring.inventory(), playbook, options, extra, limit));
        }
        List<List<String>> waves = scopes.isEmpty() ? List.of() : SerialWaves.of(playbook, scopes, limit);
        // on many pairs the waves are the serial batches: each pair's own run has none
        Playbook perPairBook = new Playbook(playbook.file(), playbook.plays().stream().map(p -> p.withoutSerial()).toList());
        for (PairScopes.Scope scope : scopes) {
            planned.add(plan(scope.name(), wiring, scope.inventory(), perPairBook, options, extra, limit));
        }
        // The one door to the terminal: results, diffs, warnings, progress and JSON all pass the redaction.
        PrintStream out = RedactingStream.wrap(System.out);
        if (cli.syntaxCheck || cli.listHosts || cli.listTasks || cli.listTags) {
            new PlaybookListing(out).print(planned.stream().map(Planned::plan).toList(), cli.playbook.toString(), cli.listHosts, cli.listTasks, cli.listTags);
            out.flush();
            return 0;
        }
        EventListener listener = cli.json ? new JsonRenderer(out)
                : new HumanRenderer(out, diff, new ProgressRenderer(out, System.console() != null), cli.verbose.length);
        // Ctrl-C: no new command starts, the running one may finish, the recap so far is printed (see
        // RunInterrupt). Every pair runs the same tasks, so the first pair's plan names those not started.
        Cancellation cancellation = new Cancellation();
        RunInterrupt interrupt = new RunInterrupt(cancellation, planned.get(0).plan(),
                RedactingStream.wrap(System.err), RunInterrupt.BOUND);
        Thread hook = new Thread(interrupt.onShutdown(), "duet-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(planned, waves, cancellation.guard(wiring.opener()), listener, interrupt::watching, options).exitCode();
        } finally {
            cancellation.finished();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is running and waits for this run, which has just ended
            }
        }
    }

    /** A plan with the templating of the inventory it was made for; {@code pair} is null for a single run. */
    private record Planned(String pair, Plan plan, Templating templating) {
    }

    private Planned plan(String pair, Wiring wiring, Inventory inventory, Playbook playbook,
                         RunOptions options, Map<String, Object> extra, Set<String> limit) {
        Templating templating = new PlaybookTemplating(inventory);
        Plan plan = new Planner(wiring.modules(), templating, inventory::hostsMatching, limit)
                .delegatingTo(name -> java.util.Optional.ofNullable(wiring.inventory().hosts().get(name))).plan(playbook, options);
        if (cli.startAtTask != null) {
            plan = StartAtTask.apply(plan, cli.startAtTask);
        }
        new TemplatedArgsCheck(inventory, extra).check(plan);
        return new Planned(pair, plan, templating);
    }

    /** {@code watch} wraps each runner's listener (Ctrl-C notes the tasks it sees start, by the plan's names). */
    private Recap run(List<Planned> planned, List<List<String>> waves, NodeOpener opener, EventListener listener,
                      UnaryOperator<EventListener> watch, RunOptions options) {
        if (planned.size() == 1 && planned.get(0).pair() == null) {
            Planned one = planned.get(0);
            return new Runner(opener, one.templating(), watch.apply(listener)).run(one.plan(), options);
        }
        List<EngineEvent.RunFinished> finished = new ArrayList<>();
        Map<String, PairRuns.Pair> pairs = new LinkedHashMap<>();
        for (Planned p : planned) {
            pairs.put(p.pair(), new PairRuns.Pair(p.pair(), p.plan(), new Runner(opener, p.templating(),
                    watch.apply(PairRuns.forPair(p.pair(), listener, finished)))));
        }
        List<List<PairRuns.Pair>> byWave = waves.stream().map(w -> w.stream().map(pairs::get).toList()).toList();
        return new PairRuns(cli.forks, listener).run(byWave, options, finished, waves.size() > 1);
    }
}
