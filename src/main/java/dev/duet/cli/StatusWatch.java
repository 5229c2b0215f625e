package dev.duet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code status -i --watch}: follows each node's {@code drbdsetup events2} stream where it can (see
 * {@link NodeFeed}) and polls the others every interval, redrawing only when what is shown changed:
 * at once for a change of state, at most once a second for resync progress alone. Stops after
 * {@code rounds} intervals (0: until {@link #stop} or interrupted) and returns the last snapshot's exit code.
 */
final class StatusWatch {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final String CLEAR = "\033[H\033[2J";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final LivePair pair;
    private final Function<PairSnapshot, String> render;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean decorate;
    /** Woken by a stream's change or by {@link #stop}; the content does not matter. */
    private final BlockingQueue<Boolean> signals = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private String shownText;
    private PairSnapshot shown;
    private PairSnapshot last;
    private long drawnAt;
    private Long pendingUntil;

    /** {@code decorate} false (JSON): no screen clearing or time lines, one object per change. */
    StatusWatch(LivePair pair, Function<PairSnapshot, String> render, PrintWriter out, PrintWriter err,
                boolean terminal, boolean decorate) {
        this.pair = pair;
        this.render = render;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.decorate = decorate;
    }

    int run(Duration every, int rounds) {
        List<NodeFeed> feeds = pair.hostNames().stream()
                .map(h -> new NodeFeed(h, pair, () -> signals.offer(Boolean.TRUE), err, every)).toList();
        ExecutorService ticking = Executors.newFixedThreadPool(Math.max(1, feeds.size()), r -> {
            Thread t = new Thread(r, "duet-status-watch");
            t.setDaemon(true);
            return t;
        });
        try {
            int ticks = 0;
            long nextTick = System.nanoTime();
            while (!stopped) {
                if (System.nanoTime() - nextTick >= 0) {
                    tick(feeds, ticking);
                    ticks++;
                    nextTick = System.nanoTime() + every.toNanos();
                }
                feeds.forEach(f -> f.refreshProgress(System.nanoTime(), PROGRESS_EVERY));
                consider(feeds);
                if (rounds > 0 && ticks >= rounds) {
                    break;
                }
                awaitSomething(feeds, nextTick);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped) {
                throw e;
            }
            // Ctrl-C closed the connections under a poll in flight: nothing is wrong, the watch just ends
        } finally {
            ticking.shutdownNow();
        }
        return last == null ? 0 : last.exitCode();
    }

    /** Ends {@link #run} soon (Ctrl-C); the caller then closes the pair, which ends the streams. */
    void stop() {
        stopped = true;
        signals.offer(Boolean.TRUE);
    }

    /**
     * What Ctrl-C runs (as a shutdown hook, while {@link #run} is still looping): ends the loop and closes
     * the pair, which hangs up every events2 stream (pty channels: the remote drbdsetup gets SIGHUP)
     * before the connections close.
     */
    Runnable onShutdown() {
        return () -> {
            stop();
            pair.close();
        };
    }

    /**
     * The time of a draw, always with its seconds: {@code LocalTime.toString()} leaves them out when they are
     * zero ("03:57" for 03:57:00), which broke the line's one shape for whoever reads it.
     */
    static String clock(LocalTime time) {
        return CLOCK.format(time);
    }

    private static void tick(List<NodeFeed> feeds, ExecutorService ticking) throws InterruptedException {
        List<Future<?>> running = new ArrayList<>();
        feeds.forEach(f -> running.add(ticking.submit(f::tick)));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
    }

    /** Sleeps until the next interval, a stream's change, a progress read or a deferred redraw is due. */
    private void awaitSomething(List<NodeFeed> feeds, long nextTick) throws InterruptedException {
        long now = System.nanoTime();
        long wait = nextTick - now;
        if (feeds.stream().anyMatch(NodeFeed::resyncing)) {
            wait = Math.min(wait, PROGRESS_EVERY.toNanos());
        }
        if (pendingUntil != null) {
            wait = Math.min(wait, pendingUntil - now);
        }
        if (wait > 0) {
            signals.poll(wait, TimeUnit.NANOSECONDS);
        }
        signals.clear();
    }

    private void consider(List<NodeFeed> feeds) {
        PairSnapshot snapshot = new PairSnapshot(feeds.stream().map(NodeFeed::now).toList());
        last = snapshot;
        String text = render.apply(snapshot);
        if (text.equals(shownText)) {
            pendingUntil = null;
            return;
        }
        long now = System.nanoTime();
        if (snapshot.sameBesidesProgress(shown) && now - drawnAt < PROGRESS_EVERY.toNanos()) {
            pendingUntil = drawnAt + PROGRESS_EVERY.toNanos();
            return;
        }
        draw(text, feeds);
        shownText = text;
        shown = snapshot;
        drawnAt = now;
        pendingUntil = null;
    }

    private void draw(String text, List<NodeFeed> feeds) {
        if (!decorate) {
            out.println(text.strip());
            out.flush();
            return;
        }
        if (terminal) {
            out.print(CLEAR);
            out.println("duet status: " + feeds.stream().map(NodeFeed::how).collect(Collectors.joining(", "))
                    + "; last change " + clock(LocalTime.now()) + " (Ctrl-C to stop)");
        } else {
            out.println("--- " + clock(LocalTime.now()));
        }
        out.println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        out.flush();
    }
}
