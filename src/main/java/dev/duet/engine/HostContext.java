package dev.duet.engine;

import dev.duet.inventory.Host;
import dev.duet.playbook.Templating;
import dev.duet.step.Progress;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import java.util.Map;

/** The {@link StepContext} of one task on one host; forwards progress and warnings as events. */
final class HostContext implements StepContext {
    private final Host host;
    private final Node node;
    private final Map<String, Node> playNodes;
    private final Map<String, Object> vars;
    private final boolean checkMode;
    private final EventListener listener;
    private final String task;
    private final Templating templating;

    HostContext(Host host, Node node, Map<String, Node> playNodes, Map<String, Object> vars, boolean checkMode,
                EventListener listener, String task) {
        this(host, node, playNodes, vars, checkMode, listener, task, null);
    }

    HostContext(Host host, Node node, Map<String, Node> playNodes, Map<String, Object> vars, boolean checkMode,
                EventListener listener, String task, Templating templating) {
        this.templating = templating;
        this.host = host;
        this.node = node;
        this.playNodes = playNodes;
        this.vars = vars;
        this.checkMode = checkMode;
        this.listener = listener;
        this.task = task;
    }

    public Host host() {
        return host;
    }

    @Override
    public String hostName() {
        return host.name();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public Map<String, Node> playNodes() {
        return playNodes;
    }

    @Override
    public Map<String, Object> vars() {
        return vars;
    }

    @Override
    public boolean checkMode() {
        return checkMode;
    }

    @Override
    public void progress(Progress progress) {
        listener.on(new EngineEvent.ProgressMade(host.name(), task, progress));
    }

    @Override
    public String renderTemplate(String text, String source) {
        return templating == null ? StepContext.super.renderTemplate(text, source)
                : templating.renderTemplate(text, vars, source);
    }

    @Override
    public void warn(String message) {
        listener.on(new EngineEvent.Warned(host.name(), task, message));
    }
}
