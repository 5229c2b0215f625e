package dev.duet.testing;

import dev.duet.inventory.Host;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Progress;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import dev.duet.transport.ReadOnlyGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link StepContext} for unit tests of steps. Like the engine, it hands steps its node wrapped in a
 * {@link ReadOnlyGuard} with the context's check mode, so a check half that mutates fails the test.
 * Records warnings, progress and what the last act half said it did. Build with {@code TestContext.of(node).vars(...).checkMode(true)}.
 */
public final class TestContext implements StepContext {
    private final Node rawNode;
    private String hostName;
    private Map<String, Object> hostVars = new LinkedHashMap<>();
    private Map<String, Object> vars = new LinkedHashMap<>();
    private final Map<String, Node> peers = new LinkedHashMap<>();
    private List<String> playOrder;
    private boolean checkMode;
    private final List<String> warnings = new ArrayList<>();
    private final List<Progress> progress = new ArrayList<>();
    private Done done;

    private TestContext(Node node) {
        this.rawNode = node;
        this.hostName = node.name();
    }

    /** A context on {@code node}; the host is named after the node, not in check mode. */
    public static TestContext of(Node node) {
        return new TestContext(node);
    }

    public TestContext host(String name) {
        this.hostName = name;
        return this;
    }

    /** Inventory variables of the host (what {@link Host#vars()} returns). */
    public TestContext hostVars(Map<String, Object> hostVars) {
        this.hostVars = new LinkedHashMap<>(hostVars);
        return this;
    }

    /** Templated play variables (what {@link #vars()} returns). */
    public TestContext vars(Map<String, Object> vars) {
        this.vars = new LinkedHashMap<>(vars);
        return this;
    }

    public TestContext var(String key, Object value) {
        this.vars.put(key, value);
        return this;
    }

    /** Another host of the play (e.g. the DRBD peer), by inventory name. */
    public TestContext peer(String name, Node node) {
        peers.put(name, node);
        return this;
    }

    /** The play's hosts in inventory order (default: this host first, then the peers as added). */
    public TestContext playOrder(String... names) {
        this.playOrder = List.of(names);
        return this;
    }

    public TestContext checkMode(boolean checkMode) {
        this.checkMode = checkMode;
        return this;
    }

    /** Runs a step as the engine does: check, then act when it said CHANGE and not in check mode. */
    public Check run(Step step) {
        done = null;
        Check check = step.check(this);
        if (check.needsChange() && !checkMode) {
            done = step.act(this, check);
        }
        return check;
    }

    /** What the act half of the last {@link #run} said it did; null when it did not act. */
    public Done done() {
        return done;
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public Node node() {
        return guard(rawNode);
    }

    @Override
    public Map<String, Node> playNodes() {
        Map<String, Node> all = new LinkedHashMap<>();
        all.put(hostName, node());
        peers.forEach((name, n) -> all.put(name, guard(n)));
        if (playOrder == null) {
            return all;
        }
        Map<String, Node> ordered = new LinkedHashMap<>();
        playOrder.forEach(name -> ordered.put(name, all.get(name)));
        all.forEach(ordered::putIfAbsent);
        return ordered;
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
    public void progress(Progress p) {
        progress.add(p);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<Progress> progressReports() {
        return List.copyOf(progress);
    }

    private Node guard(Node n) {
        return new ReadOnlyGuard(n, checkMode);
    }
}
