package dev.duet.playbook;

import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the variable definition a bad templated argument value was written in, so the error can name
 * that file and line: the argument's own variable, or the one literal variable it is built from
 * (following templates, and {@code hostvars} into every inventory host's variables).
 */
public final class VarBlame {
    /** Characters no checked name, path, address or option word needs: a value holding one is a suspect. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:/@+,=-]*");

    /** A variable's winning definition for one host: raw value and where it was written (null for -e). */
    public record Definition(String name, Object raw, Args.Location at, boolean extra) {
        public String describe() {
            return extra ? "extra variable (-e) '" + name + "'"
                    : "variable '" + name + "'" + (at == null ? "" : " at " + at.describe());
        }
    }

    private final Inventory inventory;
    private final Map<String, Object> extraVars;

    public VarBlame(Inventory inventory, Map<String, Object> extraVars) {
        this.inventory = inventory;
        this.extraVars = extraVars;
    }

    /** The definition {@code name} resolves to on {@code host}, by precedence: -e, play vars, inventory. */
    public Definition definition(String name, Play play, Host host) {
        if (extraVars.containsKey(name)) {
            return new Definition(name, extraVars.get(name), null, true);
        }
        if (play.vars().containsKey(name)) {
            return new Definition(name, play.vars().get(name), play.varOrigins().get(name), false);
        }
        if (host.vars().containsKey(name)) {
            return new Definition(name, host.vars().get(name), inventory.origin(host.name(), name).orElse(null), false);
        }
        return null;
    }

    /** The variable to blame for {@code raw} rendering to the refused {@code rendered}, and the one used directly. */
    public Blame blame(Object raw, Object rendered, Play play, Host host) {
        for (String name : Templater.readVariables(raw)) {
            Definition direct = definition(name, play, host);
            if (direct == null) {
                continue;
            }
            List<Definition> literal = new ArrayList<>();
            collect(direct, play, host, new HashSet<>(), literal);
            if (literal.size() == 1) {
                return new Blame(literal.get(0), direct);
            }
            String text = String.valueOf(rendered);
            List<Definition> suspects = literal.stream()
                    .filter(d -> d.raw() instanceof String s && !PLAIN.matcher(s).matches() && text.contains(s))
                    .toList();
            return new Blame(suspects.isEmpty() ? direct : suspects.get(0), direct);
        }
        return null;
    }

    /** {@code blamed} holds the bad text; {@code direct} is the variable the argument names. */
    public record Blame(Definition blamed, Definition direct) {
    }

    private void collect(Definition def, Play play, Host host, Set<String> seen, List<Definition> out) {
        if (!seen.add(host.name() + "/" + def.name())) {
            return;
        }
        if (!Templater.hasTemplate(def.raw())) {
            out.add(def);
            return;
        }
        for (String name : Templater.readVariables(def.raw())) {
            if (name.equals("hostvars")) {
                for (Host other : inventory.hosts().values()) {
                    other.vars().keySet().forEach(v -> collect(definition(v, play, other), play, other, seen, out));
                }
                continue;
            }
            Definition inner = definition(name, play, host);
            if (inner != null) {
                collect(inner, play, host, seen, out);
            }
        }
    }
}
