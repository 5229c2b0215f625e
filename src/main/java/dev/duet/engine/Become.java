package dev.duet.engine;

import dev.duet.error.InputException;
import dev.duet.inventory.AnsibleBoolean;
import dev.duet.playbook.Play;
import dev.duet.step.Args;
import java.util.Map;

/**
 * Whether a play's commands on one host go through {@code sudo}, by Ansible's precedence rules
 * (docs: "Controlling how Ansible behaves: precedence rules"): variables beat playbook keywords, so
 * {@code ansible_become} (from -e, play vars or inventory, in that order) wins over the play's
 * {@code become:} keyword, which wins over the default (no become).
 */
public final class Become {
    static final String VAR = "ansible_become";

    private Become() {
    }

    /** {@code vars}: the host's variables for the play without facts; {@code extraVars}: from -e. */
    public static boolean effective(Play play, Map<String, Object> vars, Map<String, Object> extraVars) {
        Object value;
        if (extraVars.containsKey(VAR)) {
            value = extraVars.get(VAR);
        } else if (vars.containsKey(VAR)) {
            try {
                value = vars.get(VAR);
            } catch (InputException e) {
                throw located(play, "ansible_become must be known before connecting (it cannot use facts): "
                        + e.getMessage());
            }
        } else {
            return play.become();
        }
        return bool(play, value);
    }

    /** Whether {@code ansible_become} is set for the host (then it decides at every level, task keywords too). */
    static boolean byVariable(Map<String, Object> vars, Map<String, Object> extraVars) {
        return extraVars.containsKey(VAR) || vars.containsKey(VAR);
    }

    private static boolean bool(Play play, Object value) {
        return AnsibleBoolean.of(value).orElseThrow(() -> located(play, "ansible_become must be "
                + AnsibleBoolean.expected() + ", got '" + value + "'"));
    }

    private static InputException located(Play play, String message) {
        Args.Location at = play.varOrigins().getOrDefault(VAR, play.where());
        String text = "play '" + play.name() + "': " + message;
        return at == null ? new InputException(text) : new InputException(at.file(), at.line(), at.column(), text);
    }
}
