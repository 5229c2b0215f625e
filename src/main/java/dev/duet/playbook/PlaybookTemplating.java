package dev.duet.playbook;

import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import dev.duet.step.Args;
import java.util.Map;
import java.util.Set;

/** The engine's view of variables, templates and conditions, backed by {@link Vars}, {@link Templater} and {@link When}. */
public final class PlaybookTemplating implements Templating {
    private final Inventory inventory;

    public PlaybookTemplating(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public Map<String, Object> vars(Play play, Host host, Map<String, Map<String, Object>> factsByHost) {
        return Vars.forHost(play, inventory, host, factsByHost);
    }

    @Override
    public Map<String, Object> vars(Play play, Host host, Map<String, Map<String, Object>> factsByHost,
                                    Map<String, Object> extra) {
        return Vars.forHost(play, inventory, host, factsByHost, extra);
    }

    @Override
    public Map<String, Object> render(Map<String, Object> args, Map<String, Object> vars, Args.Location where) {
        return Templater.renderMap(args, vars, where);
    }

    @Override
    public String renderString(String template, Map<String, Object> vars, Args.Location where) {
        return Templater.renderString(template, vars, where);
    }

    @Override
    public String renderTemplate(String text, Map<String, Object> vars, String source) {
        return TemplateFiles.render(text, vars, source);
    }

    @Override
    public boolean when(String expression, Map<String, Object> vars, Args.Location where) {
        return When.evaluate(expression, vars, where);
    }

    @Override
    public Set<String> undefined(Object value, Set<String> known) {
        return Templater.undefinedVariables(value, known);
    }

    @Override
    public Set<String> undefinedInWhen(String expression, Set<String> known, Args.Location where) {
        return When.undefinedVariables(expression, known, where);
    }
}
