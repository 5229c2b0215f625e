package dev.duet.modules;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code meta:}. Only {@code flush_handlers} (run the notified handlers now) is supported; the
 * runner does the flushing, the step itself does nothing. Other meta actions are refused at load time.
 */
public final class MetaModule implements Module {
    @Override
    public String name() {
        return "meta";
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
    public boolean readOnly() {
        return true;
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Object action = rawArgs.get("cmd");
        if (!"flush_handlers".equals(action)) {
            String msg = "meta: only flush_handlers is supported, got '" + action + "'";
            throw where == null ? new InputException(msg) : new InputException(where.file(), where.line(), where.column(), msg);
        }
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
}
