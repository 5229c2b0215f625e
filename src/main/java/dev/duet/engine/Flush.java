package dev.duet.engine;

import dev.duet.playbook.Task;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The point where notified handlers run: {@code meta: flush_handlers}, and the end of each part of a play. */
final class Flush {
    static final Module MODULE = new Module() {
        @Override
        public String name() {
            return Task.META;
        }

        @Override
        public Set<String> requiredArgs() {
            return Set.of();
        }

        @Override
        public Set<String> optionalArgs() {
            return Set.of("cmd");
        }

        @Override
        public Step bind(Args args) {
            return new Step() {
                @Override
                public Check check(StepContext ctx) {
                    return Check.ok("handlers flushed");
                }

                @Override
                public Done act(StepContext ctx, Check check) {
                    return Done.unchanged("handlers flushed");
                }
            };
        }
    };

    private Flush() {
    }

    static Task task(Args.Location where) {
        return new Task("meta: flush_handlers", Task.META, Map.of("cmd", "flush_handlers"), null, false, null,
                List.of(), where);
    }
}
