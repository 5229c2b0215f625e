package dev.duet.engine;

import dev.duet.error.Reason;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a task's step on one host (one loop item), before the task keywords judge it:
 * status, message, diff, failure reason, and the values a {@code register:} exposes. {@code unknown}:
 * in check mode the outcome is not known because the act half did not run (e.g. a command's rc).
 */
record StepOutcome(Status status, String message, String diff, Reason reason, Map<String, Object> values,
                   boolean unknown) {
    StepOutcome {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static StepOutcome of(Status status, String message) {
        return new StepOutcome(status, message, null, null, Map.of(), false);
    }

    StepOutcome with(Status s, String m) {
        return new StepOutcome(s, m, diff, reason, values, unknown);
    }

    /** What {@code register:} stores: Ansible's common fields plus the module's own values. */
    Map<String, Object> registered() {
        Map<String, Object> r = new LinkedHashMap<>(values);
        r.put("changed", status == Status.CHANGED);
        r.put("failed", status == Status.FAILED || status == Status.UNREACHABLE);
        r.put("skipped", status == Status.SKIPPED);
        r.putIfAbsent("msg", message == null ? "" : message);
        if (r.containsKey("stdout")) {
            r.putIfAbsent("stdout_lines", lines(String.valueOf(r.get("stdout"))));
        }
        if (r.containsKey("stderr")) {
            r.putIfAbsent("stderr_lines", lines(String.valueOf(r.get("stderr"))));
        }
        return r;
    }

    static java.util.List<String> lines(String text) {
        return text.isEmpty() ? java.util.List.of() : java.util.List.of(text.split("\r?\n"));
    }
}
