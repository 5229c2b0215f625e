package dev.duet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code status -i --watch}: gathers again every interval and redraws only when what is shown changed.
 * The transport has no streaming, so this polls (each poll is one {@code drbdsetup events2 --now} per
 * node) rather than following {@code drbdsetup events2}. Stops after {@code rounds} gatherings (0: until
 * interrupted) and returns the last snapshot's exit code.
 */
final class StatusWatch {
    private static final String CLEAR = "\033[H\033[2J";

    private final LivePair pair;
    private final Function<PairSnapshot, String> render;
    private final PrintWriter out;
    private final boolean terminal;
    private final boolean decorate;
    private Duration interval = Duration.ofSeconds(2);

    /** {@code decorate} false (JSON): no screen clearing or time lines, one object per change. */
    StatusWatch(LivePair pair, Function<PairSnapshot, String> render, PrintWriter out, boolean terminal,
                boolean decorate) {
        this.pair = pair;
        this.decorate = decorate;
        this.render = render;
        this.out = out;
        this.terminal = terminal;
    }

    int run(Duration every, int rounds) {
        this.interval = every;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "duet-status-watch");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<String> shown = new AtomicReference<>();
        AtomicReference<PairSnapshot> last = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        timer.scheduleWithFixedDelay(() -> {
            try {
                PairSnapshot snapshot = new PairSnapshot(pair.gather());
                last.set(snapshot);
                String text = render.apply(snapshot);
                if (!Objects.equals(text, shown.getAndSet(text))) {
                    draw(text);
                }
                if (rounds > 0 && done.incrementAndGet() >= rounds) {
                    finished.complete(null);
                }
            } catch (RuntimeException e) {
                finished.completeExceptionally(e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        try {
            finished.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            timer.shutdownNow();
        }
        return last.get() == null ? 0 : last.get().exitCode();
    }

    private void draw(String text) {
        if (!decorate) {
            out.println(text.strip());
            out.flush();
            return;
        }
        if (terminal) {
            out.print(CLEAR);
            out.println("duet status: every " + interval.toSeconds() + "s, last change "
                    + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " (Ctrl-C to stop)");
        } else {
            out.println("--- " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
        }
        out.println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        out.flush();
    }
}
