package dev.duet.drbd.steps;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code drbd_preflight}: refuses before the first change when a host's name is not its DRBD {@code on}
 * name or the pair is split-brained. Takes drbd_resource's {@code resource} and {@code nodes} (each entry's
 * {@code name}, and {@code host} when the inventory name differs; other keys are ignored).
 */
public final class DrbdPreflightModule implements Module {
    private final DrbdEnv env;

    public DrbdPreflightModule(DrbdEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "drbd_preflight";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("resource", "nodes");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of();
    }

    @Override
    public boolean pairWide() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        Map<String, String> onNames = new LinkedHashMap<>();
        for (Object o : args.list("nodes")) {
            if (!(o instanceof Map<?, ?> m) || m.get("name") == null) {
                throw args.error("nodes", "must be a list of mappings with a `name`, got " + o);
            }
            String name = nameOf(args, m.get("name"));
            String host = m.get("host") == null ? name : nameOf(args, m.get("host"));
            onNames.put(host, name);
        }
        return new DrbdPreflightStep(args.name("resource"), onNames, env);
    }

    private static String nameOf(Args args, Object v) {
        String s = String.valueOf(v);
        if (!s.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw args.error("nodes", "node names must be plain names (letters, digits, _ . -), got '" + s + "'");
        }
        return s;
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        DrbdArgs.validateLiterals(name(), rawArgs, where, Map.of("resource", DrbdArgs.Kind.NAME));
        // The node names alone (other keys are drbd_resource's): checked here too, so a run whose tags
        // leave drbd_resource out still refuses a bad name before any host is contacted.
        Args literals = Args.literals(name(), rawArgs, where);
        if (literals.raw().get("nodes") instanceof List<?> entries) {
            for (Object o : entries) {
                if (o instanceof Map<?, ?> m) {
                    for (String key : List.of("name", "host")) {
                        if (m.get(key) instanceof String s && !s.contains("{{")) {
                            nameOf(literals, s);
                        }
                    }
                }
            }
        }
    }
}
