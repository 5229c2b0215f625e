package dev.duet.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.engine.EngineEvent;
import dev.duet.engine.EventListener;
import dev.duet.engine.PhaseTiming;
import dev.duet.engine.Recap;
import dev.duet.engine.Status;
import dev.duet.engine.StepResult;
import java.io.PrintStream;
import java.util.Map;

/**
 * One JSON object per line per event: {@code play}, {@code task}, {@code result}, {@code progress},
 * {@code warning}, {@code recap}. Field names are documented in the README and stay stable.
 */
public final class JsonRenderer implements EventListener {
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public JsonRenderer(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void on(EngineEvent event) {
        if (event instanceof EngineEvent.CommandRan || event instanceof EngineEvent.ReadingAhead) {
            return; // -vv detail for the terminal; the JSON stream keeps its documented events
        }
        ObjectNode o = json.createObjectNode();
        if (event instanceof EngineEvent.PlayStarted p) {
                o.put("event", "play").put("play", p.play()).put("check_mode", p.checkMode());
                p.hosts().forEach(o.putArray("hosts")::add);
        } else if (event instanceof EngineEvent.TaskStarted t) {
                o.put("event", "task").put("play", t.play()).put("task", t.task()).put("module", t.module())
                        .put("index", t.index()).put("total", t.total());
                if (t.handler()) {
                    o.put("handler", true);
                }
                t.hosts().forEach(o.putArray("hosts")::add);
        } else if (event instanceof EngineEvent.HostDone d) {
            result(o, d.module(), d.result());
        } else if (event instanceof EngineEvent.ProgressMade p) {
                o.put("event", "progress").put("host", p.host()).put("task", p.task())
                        .put("label", p.progress().label()).put("percent", p.progress().percent());
                if (p.progress().speedKiBs() != null) {
                    o.put("speed_kib_s", p.progress().speedKiBs());
                }
                if (p.progress().eta() != null) {
                    o.put("eta_s", p.progress().eta().toSeconds());
                }
        } else if (event instanceof EngineEvent.Warned w) {
            o.put("event", "warning").put("host", w.host()).put("task", w.task()).put("message", w.message());
        } else if (event instanceof EngineEvent.RunFinished f) {
            recap(o, f);
        }
        out.println(o.toString());
        out.flush();
    }

    private static void result(ObjectNode o, String module, StepResult r) {
        o.put("event", "result").put("host", r.host()).put("task", r.task()).put("module", module)
                .put("status", r.status().name().toLowerCase())
                .put("changed", r.status() == Status.CHANGED)
                .put("failed", r.status() == Status.FAILED)
                .put("skipped", r.status() == Status.SKIPPED)
                .put("unreachable", r.status() == Status.UNREACHABLE)
                .put("msg", r.message())
                .put("duration_ms", r.duration().toMillis())
                .put("remote_ms", r.remote().toMillis());
        if (r.diff() != null) {
            o.put("diff", r.diff());
        }
        if (r.reason() != null) {
            o.put("reason", r.reason().name());
        }
        if (r.ignored()) {
            o.put("ignored", true);
        }
    }

    private static void recap(ObjectNode o, EngineEvent.RunFinished f) {
        o.put("event", "recap");
        ObjectNode hosts = o.putObject("hosts");
        for (Map.Entry<String, Recap.Counts> e : f.recap().hosts().entrySet()) {
            ObjectNode h = hosts.putObject(e.getKey());
            for (Status s : Status.values()) {
                h.put(s == Status.SKIPPED ? "skipped" : s.name().toLowerCase(), e.getValue().get(s));
            }
            h.put("rescued", e.getValue().rescued()).put("ignored", e.getValue().ignored());
        }
        long wall = 0;
        long remote = 0;
        var timings = o.putArray("timings");
        for (PhaseTiming t : f.timings()) {
            timings.addObject().put("task", t.task()).put("wall_ms", t.wall().toMillis()).put("remote_ms", t.remote().toMillis());
            wall += t.wall().toMillis();
            remote += t.remote().toMillis();
        }
        o.put("wall_ms", wall).put("remote_ms", remote).put("overhead_ms", Math.max(0, wall - remote));
        o.put("exit_code", f.recap().exitCode());
    }
}
