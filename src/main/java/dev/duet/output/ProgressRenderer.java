package dev.duet.output;

import dev.duet.step.Progress;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows progress of long acts (a DRBD sync). On a terminal: one progress bar per host (me.tongfei
 * progressbar). Otherwise (CI, pipes): a plain line each time a host crosses another 10 %.
 */
public final class ProgressRenderer {
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, ProgressBar> bars = new HashMap<>();
    private final Map<String, Integer> lastDecile = new HashMap<>();

    public ProgressRenderer(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public synchronized void update(String host, String task, Progress p) {
        if (terminal) {
            ProgressBar bar = bars.computeIfAbsent(host, h -> new ProgressBarBuilder()
                    .setTaskName(h + " " + p.label()).setInitialMax(1000).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build());
            bar.stepTo(Math.round(p.percent() * 10));
            bar.setExtraMessage(extra(p));
            return;
        }
        int decile = (int) Math.floor(p.percent() / 10);
        Integer last = lastDecile.put(host, decile);
        if (last == null || decile > last) {
            out.printf("  [%s] %s: %5.1f%%%s%n", host, p.label(), p.percent(), extra(p));
            out.flush();
        }
    }

    public synchronized void finish(String host) {
        ProgressBar bar = bars.remove(host);
        if (bar != null) {
            bar.close();
        }
        lastDecile.remove(host);
    }

    private static String extra(Progress p) {
        StringBuilder s = new StringBuilder();
        if (p.speedKiBs() != null) {
            s.append(String.format("  %.1f MiB/s", p.speedKiBs() / 1024.0));
        }
        if (p.eta() != null) {
            s.append(String.format("  ETA %d:%02d", p.eta().toMinutes(), p.eta().toSecondsPart()));
        }
        return s.toString();
    }
}
