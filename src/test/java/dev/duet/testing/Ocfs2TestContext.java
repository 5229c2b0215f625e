package dev.duet.testing;

import dev.duet.inventory.Host;
import dev.duet.step.Progress;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import dev.duet.transport.ReadOnlyGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A StepContext over one scripted node, guarded as the engine guards it; records warnings. */
public final class Ocfs2TestContext implements StepContext {
    private final Host host;
    private final Node node;
    private final boolean checkMode;
    private final List<String> warnings = new ArrayList<>();

    private Ocfs2TestContext(ScriptedNode node, boolean checkMode) {
        this.host = new Host(node.name(), Map.of(), List.of("all"));
        this.node = new ReadOnlyGuard(node, checkMode);
        this.checkMode = checkMode;
    }

    public static Ocfs2TestContext apply(ScriptedNode node) {
        return new Ocfs2TestContext(node, false);
    }

    public static Ocfs2TestContext plan(ScriptedNode node) {
        return new Ocfs2TestContext(node, true);
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
        return Map.of(node.name(), node);
    }

    @Override
    public Map<String, Object> vars() {
        return Map.of();
    }

    @Override
    public boolean checkMode() {
        return checkMode;
    }

    @Override
    public void progress(Progress progress) {
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
