package dev.duet.engine;

import dev.duet.modules.MetaModule;
import dev.duet.playbook.Task;
import dev.duet.step.Args;
import dev.duet.step.Module;
import java.util.List;
import java.util.Map;

/** The point where notified handlers run: {@code meta: flush_handlers}, and the end of each part of a play. */
final class Flush {
    /** The same module as a playbook's {@code meta: flush_handlers} task: its step only marks the point. */
    static final Module MODULE = new MetaModule();

    private Flush() {
    }

    static Task task(Args.Location where) {
        return new Task("meta: flush_handlers", Task.META, Map.of("cmd", "flush_handlers"), null, false, null,
                List.of(), where);
    }
}
