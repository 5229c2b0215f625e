package dev.duet.playbook;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A module that only declares arguments and records validate calls. */
final class FakeModule implements Module {
    final String name;
    final Set<String> required;
    final Set<String> optional;
    final List<Map<String, Object>> validated = new ArrayList<>();

    FakeModule(String name, Set<String> required, Set<String> optional) {
        this.name = name;
        this.required = required;
        this.optional = optional;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> requiredArgs() {
        return required;
    }

    @Override
    public Set<String> optionalArgs() {
        return optional;
    }

    @Override
    public Step bind(Args args) {
        throw new UnsupportedOperationException("not used by loader tests");
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        validated.add(rawArgs);
        Object name = rawArgs.get("name");
        if (name instanceof String s && s.contains(";")) {
            throw new InputException(where.file(), where.line(), where.column(), this.name + ": bad name '" + s + "'");
        }
    }
}
