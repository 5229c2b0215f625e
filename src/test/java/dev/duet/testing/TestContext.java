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
 * The {@link StepContext} of unit tests of steps. Like the engine, it hands steps its nodes wrapped in a
 * {@link ReadOnlyGuard} with the context's check mode, so a check half that mutates fails the test.
 * Records warnings, progress and what the last act half said it did. One host:
 * {@code TestContext.of(node).vars(...).checkMode(true)}, {@code TestContext.apply(node)},
 * {@code TestContext.plan(node)}; a pair: {@code TestContext.pair("node1", checkMode, node1, node2)}.
 */
public final class TestContext implements StepContext {
    /** Every host of the play in play order, by inventory name; this host is {@link #hostName}. */
    private final Map<String, Node> play = new LinkedHashMap<>();
    private String hostName;
    private Map<String, Object> hostVars = new LinkedHashMap<>();
    private Map<String, Object> vars = new LinkedHashMap<>();
    private boolean checkMode;
    private final List<String> warnings = new ArrayList<>();
    private final List<Progress> progress = new ArrayList<>();
    /** The guarded nodes, made once per setting so a step sees the same node object on every call. */
    private Map<String, Node> guarded;
    private Done done;

    private TestContext(String hostName) {
        this.hostName = hostName;
    }

    /** A context on {@code node}; the host is named after the node, not in check mode. */
    public static TestContext of(Node node) {
        TestContext ctx = new TestContext(node.name());
        ctx.play.put(node.name(), node);
        return ctx;
    }

    /** One host, applying. */
    public static TestContext apply(Node node) {
        return of(node);
    }

    /** One host, in check mode. */
    public static TestContext plan(Node node) {
        return of(node).checkMode(true);
    }

    /** The play's hosts in this order (named after their nodes); {@code self} is the host the step runs on. */
    public static TestContext pair(String self, boolean checkMode, Node... playNodes) {
        TestContext ctx = new TestContext(self);
        for (Node n : playNodes) {
            ctx.play.put(n.name(), n);
        }
        return ctx.checkMode(checkMode);
    }

    /** Renames this host (keeping its place in the play). */
    public TestContext host(String name) {
        Map<String, Node> renamed = new LinkedHashMap<>();
        play.forEach((k, v) -> renamed.put(k.equals(hostName) ? name : k, v));
        play.clear();
        play.putAll(renamed);
        this.hostName = name;
        guarded = null;
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
        play.put(name, node);
        guarded = null;
        return this;
    }

    public TestContext checkMode(boolean checkMode) {
        this.checkMode = checkMode;
        guarded = null;
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
        return playNodes().get(hostName);
    }

    @Override
    public Map<String, Node> playNodes() {
        if (guarded == null) {
            Map<String, Node> g = new LinkedHashMap<>();
            play.forEach((name, n) -> g.put(name, new ReadOnlyGuard(n, checkMode)));
            guarded = g;
        }
        return guarded;
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
}
