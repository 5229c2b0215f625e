package dev.duet.output;

import dev.duet.engine.EngineEvent;
import dev.duet.engine.EventListener;
import dev.duet.engine.PhaseTiming;
import dev.duet.engine.Recap;
import dev.duet.engine.Status;
import dev.duet.engine.StepResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Ansible's default callback, near enough that its users read it without learning: PLAY, TASK, results, PLAY RECAP. */
public final class HumanRenderer implements EventListener {
    private static final int WIDTH = 79;

    private final PrintStream out;
    private final boolean showDiff;
    private final ProgressRenderer progress;
    /** ansible-playbook's -v count: 1 result values and times, 2 also remote commands, 3 also their output. */
    private final int verbosity;
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    public HumanRenderer(PrintStream out, boolean showDiff, ProgressRenderer progress) {
        this(out, showDiff, progress, 0);
    }

    public HumanRenderer(PrintStream out, boolean showDiff, ProgressRenderer progress, int verbosity) {
        this.out = out;
        this.showDiff = showDiff;
        this.progress = progress;
        this.verbosity = verbosity;
    }

    @Override
    public synchronized void on(EngineEvent event) {
        if (event instanceof EngineEvent.PlayStarted p) {
            banner("PLAY [" + p.play() + "]" + (p.checkMode() ? " (check mode: nothing will change)" : ""));
            if (p.hosts().isEmpty()) {
                out.println("skipping: no hosts matched");
            }
        } else if (event instanceof EngineEvent.TaskStarted t) {
            banner((t.handler() ? "RUNNING HANDLER [" : "TASK [") + t.task() + "]");
        } else if (event instanceof EngineEvent.HostDone d) {
            progress.finish(d.result().host());
            result(d.result());
        } else if (event instanceof EngineEvent.ProgressMade p) {
            progress.update(p.host(), p.task(), p.progress());
        } else if (event instanceof EngineEvent.Warned w) {
            out.println("[WARNING]: " + w.host() + ": " + w.message());
        } else if (event instanceof EngineEvent.CommandRan c) {
            command(c);
        } else if (event instanceof EngineEvent.ReadingAhead r && verbosity >= 2) {
            // the commands after it read for later tasks' checks, not for the task above
            banner("READ AHEAD [checks of the tasks to come] " + r.hosts());
        } else if (event instanceof EngineEvent.RunFinished f) {
            finished(f.recap(), f.timings());
        }
        out.flush();
    }

    private void result(StepResult r) {
        String host = "[" + r.host() + "]";
        switch (r.status()) {
            case OK -> out.println("ok: " + host + suffix(r.message()));
            case CHANGED -> {
                if (showDiff && r.diff() != null) {
                    out.print(r.diff().endsWith("\n") ? r.diff() : r.diff() + "\n");
                }
                out.println("changed: " + host + suffix(r.message()));
            }
            case SKIPPED -> out.println("skipping: " + host + suffix(r.message()));
            case FAILED -> {
                out.println("fatal: " + host + ": FAILED! => " + r.message());
                if (r.ignored()) {
                    out.println("...ignoring");
                }
            }
            case UNREACHABLE -> out.println("fatal: " + host + ": UNREACHABLE! => " + r.message());
        }
        if (verbosity >= 1) {
            out.println("    took " + secs(r.duration()) + " (remote " + secs(r.remote()) + ")"
                    + (r.values().isEmpty() ? "" : " => " + values(r.values())));
        }
    }

    private String values(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return values.toString();
        }
    }

    private void command(EngineEvent.CommandRan c) {
        if (verbosity < 2) {
            return;
        }
        out.println("<" + c.host() + "> " + c.line() + " => rc=" + c.exit() + " (" + secs(c.took()) + ")");
        if (verbosity >= 3) {
            output(c.host(), "stdout", c.stdout());
            output(c.host(), "stderr", c.stderr());
        }
    }

    private void output(String host, String stream, String text) {
        if (text != null && !text.isEmpty()) {
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.println("<" + host + ">   " + stream + ": " + line);
                }
            }
        }
    }

    private static String suffix(String message) {
        return message == null || message.isBlank() ? "" : " => " + message;
    }

    private void finished(Recap recap, List<PhaseTiming> timings) {
        banner("PLAY RECAP");
        // Ansible prints the hosts sorted by name
        for (Map.Entry<String, Recap.Counts> e : new java.util.TreeMap<>(recap.hosts()).entrySet()) {
            out.println(Recap.line(e.getKey(), e.getValue()));
        }
        out.println();
        timings(timings);
    }

    private void timings(List<PhaseTiming> timings) {
        if (timings.isEmpty()) {
            return;
        }
        Duration wall = Duration.ZERO;
        Duration remote = Duration.ZERO;
        out.println("Timings (wall = elapsed for the pair; remote = longest time one host spent in remote commands):");
        for (PhaseTiming t : timings) {
            out.printf("  %-45s wall %7s  remote %7s%n", clip(t.task()), secs(t.wall()), secs(t.remote()));
            wall = wall.plus(t.wall());
            remote = remote.plus(t.remote());
        }
        Duration overhead = wall.minus(remote).isNegative() ? Duration.ZERO : wall.minus(remote);
        double share = wall.isZero() ? 0 : 100.0 * overhead.toNanos() / wall.toNanos();
        out.printf("  %-45s wall %7s  remote %7s  orchestration overhead %s (%.1f%%)%n", "total", secs(wall),
                secs(remote), secs(overhead), share);
        out.println();
    }

    private static String clip(String s) {
        return s.length() <= 45 ? s : s.substring(0, 44) + "…";
    }

    static String secs(Duration d) {
        return String.format("%.2fs", d.toNanos() / 1e9);
    }

    /** Ansible's Display.banner: the title, a space, then (columns - title length) stars, at least 3. */
    private void banner(String title) {
        out.println();
        int stars = Math.max(3, WIDTH - title.length());
        out.println(title + " " + "*".repeat(stars));
    }

    /** Exit-code free summary used by tests: how many results of a status. */
    public static long count(List<StepResult> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
