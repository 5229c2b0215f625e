package dev.duet.engine;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.inventory.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs one plan per pair, pairs in parallel: each pair is a run of its own (its own hosts, variables and
 * connections), so a pair that fails stops only itself. At most {@code forks} hosts run at once (as
 * Ansible's {@code --forks}); a pair's hosts always run together, since its steps move in lock-step.
 * Renderers see every pair's events (play names carry the pair's name) and one recap of every host.
 * With {@code serial}, the pairs run in waves (each a batch of whole pairs, see {@link #run(List, RunOptions,
 * List, boolean)}): a wave runs to its end before the next starts, and a wave where every host failed
 * ends the run, as a fully failed batch ends an Ansible play.
 */
public final class PairRuns {
    /** One pair's share of the run: its name (the inventory group), its plan and its runner. */
    public record Pair(String name, Plan plan, Runner runner) {
        int hosts() {
            return (int) plan.plays().stream().flatMap(p -> p.hosts().stream()).map(Host::name).distinct().count();
        }
    }

    private final int forks;
    private final EventListener listener;

    public PairRuns(int forks, EventListener listener) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1");
        }
        this.forks = forks;
        this.listener = listener;
    }

    /** The listener a pair's runner reports to: names the pair in play and task headers, keeps its recap back. */
    public static EventListener forPair(String pair, EventListener shared, List<EngineEvent.RunFinished> finished) {
        return event -> {
            if (event instanceof EngineEvent.RunFinished f) {
                synchronized (finished) {
                    finished.add(f);
                }
                return;
            }
            EngineEvent named = event;
            if (event instanceof EngineEvent.PlayStarted p) {
                named = new EngineEvent.PlayStarted(p.play() + " [" + pair + "]", p.hosts(), p.checkMode());
            } else if (event instanceof EngineEvent.TaskStarted t) {
                named = new EngineEvent.TaskStarted(t.play() + " [" + pair + "]", t.task(), t.module(), t.hosts(),
                        t.index(), t.total());
            }
            synchronized (shared) {
                shared.on(named);
            }
        };
    }

    /** Runs every pair; {@code finished} is where their runners' listeners (from {@link #forPair}) put their recaps. */
    public Recap run(List<Pair> pairs, RunOptions options, List<EngineEvent.RunFinished> finished) {
        return run(List.of(pairs), options, finished, false);
    }

    /**
     * Runs the pairs wave after wave ({@code waves}: the serial batches, each a list of whole pairs); with
     * {@code serial}, a wave where every host failed or was unreachable stops the waves after it.
     */
    public Recap run(List<List<Pair>> waves, RunOptions options, List<EngineEvent.RunFinished> finished,
                     boolean serial) {
        Recap all = new Recap();
        for (List<Pair> wave : waves) {
            Recap recap = runWave(wave, options);
            all.addAll(recap);
            if (serial && everyHostFailed(recap)) {
                break;
            }
        }
        List<PhaseTiming> timings = new ArrayList<>();
        synchronized (finished) {
            finished.forEach(r -> timings.addAll(r.timings()));
        }
        synchronized (listener) {
            listener.on(new EngineEvent.RunFinished(all, List.copyOf(timings)));
        }
        return all;
    }

    private static boolean everyHostFailed(Recap recap) {
        return !recap.hosts().isEmpty() && recap.hosts().values().stream()
                .allMatch(c -> c.get(Status.FAILED) + c.get(Status.UNREACHABLE) > 0);
    }

    private Recap runWave(List<Pair> pairs, RunOptions options) {
        Semaphore slots = new Semaphore(forks, true);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(pairs.size(), forks)), r -> {
            Thread t = new Thread(r, "duet-pair");
            t.setDaemon(true);
            return t;
        });
        List<Future<Recap>> futures = new ArrayList<>();
        try {
            for (Pair pair : pairs) {
                int need = Math.min(forks, Math.max(1, pair.hosts()));
                futures.add(pool.submit(() -> {
                    slots.acquire(need);
                    try {
                        return pair.runner().run(pair.plan(), options);
                    } finally {
                        slots.release(need);
                    }
                }));
            }
            Recap wave = new Recap();
            for (Future<Recap> f : futures) {
                wave.addAll(get(f));
            }
            return wave;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Recap get(Future<Recap> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DuetException(Reason.TIMEOUT, "interrupted while waiting for pairs");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
