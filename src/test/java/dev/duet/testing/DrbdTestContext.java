package dev.duet.testing;

import dev.duet.step.Progress;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import dev.duet.transport.ReadOnlyGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A StepContext over scripted nodes; in check mode every node is wrapped in a read-only guard. */
public final class DrbdTestContext implements StepContext {
    private final String self;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final boolean checkMode;
    public final List<String> warnings = new ArrayList<>();
    public final List<Progress> progress = new ArrayList<>();

    public DrbdTestContext(String self, boolean checkMode, Node... playNodes) {
        this.self = self;
        this.checkMode = checkMode;
        for (Node n : playNodes) {
            nodes.put(n.name(), new ReadOnlyGuard(n, checkMode));
        }
    }

    @Override
    public String hostName() {
        return self;
    }

    @Override
    public Node node() {
        return nodes.get(self);
    }

    @Override
    public Map<String, Node> playNodes() {
        return nodes;
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
    public void progress(Progress p) {
        progress.add(p);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }
}
