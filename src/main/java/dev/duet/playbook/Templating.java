package dev.duet.playbook;

import dev.duet.inventory.Host;
import dev.duet.step.Args;
import java.util.Map;
import java.util.Set;

/** How the engine resolves variables, templates and {@code when:} expressions (implemented by the playbook package). */
public interface Templating {
    /**
     * Variables for one host of a play: inventory < facts < play vars, plus inventory_hostname, hostvars,
     * groups. {@code factsByHost} holds the facts of every host gathered so far (hostvars reach the peer's).
     */
    Map<String, Object> vars(Play play, Host host, Map<String, Map<String, Object>> factsByHost);

    /** The same with the run's extra variables ({@code -e}) on top. */
    default Map<String, Object> vars(Play play, Host host, Map<String, Map<String, Object>> factsByHost,
                                     Map<String, Object> extra) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(vars(play, host, factsByHost));
        all.putAll(extra);
        return all;
    }

    /** Renders every {@code {{ }}} in a task's arguments; an undefined variable is an InputException at {@code where}. */
    Map<String, Object> render(Map<String, Object> args, Map<String, Object> vars, Args.Location where);

    /** A rendered scalar (e.g. {@code run_on}). */
    String renderString(String template, Map<String, Object> vars, Args.Location where);

    /** A Jinja2 template file rendered with {@code vars}; errors name {@code source} and the line. */
    default String renderTemplate(String text, Map<String, Object> vars, String source) {
        return TemplateFiles.render(text, vars, source);
    }

    boolean when(String expression, Map<String, Object> vars, Args.Location where);

    /** Names used in templates of {@code value} that {@code known} does not define (for load-time errors). */
    Set<String> undefined(Object value, Set<String> known);

    /** Names used by a {@code when:} expression that {@code known} does not define. */
    Set<String> undefinedInWhen(String expression, Set<String> known, Args.Location where);
}
