package dev.duet.engine;

import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import java.util.Map;
import java.util.Set;

/** How the engine resolves variables, templates and {@code when:} expressions (implemented by the playbook package). */
public interface Templating {
    /** Variables for one host of a play: inventory < play vars < facts, plus inventory_hostname, hostvars, groups. */
    Map<String, Object> vars(Play play, Host host, Map<String, Object> facts);

    /** Renders every {@code {{ }}} in a task's arguments; an undefined variable is an InputException at {@code where}. */
    Map<String, Object> render(Map<String, Object> args, Map<String, Object> vars, Args.Location where);

    /** A rendered scalar (e.g. {@code run_on}). */
    String renderString(String template, Map<String, Object> vars, Args.Location where);

    boolean when(String expression, Map<String, Object> vars, Args.Location where);

    /** Names used in templates of {@code value} that {@code known} does not define (for load-time errors). */
    Set<String> undefined(Object value, Set<String> known);
}
