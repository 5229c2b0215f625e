package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.Task;
import dev.duet.playbook.Templating;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.ModuleRegistry;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class RunnerTest {
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final List<EngineEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ScriptedNode> nodes = new java.util.concurrent.ConcurrentHashMap<>();

    /** A module whose check says CHANGE unless arg done=yes, and whose act runs a mutating command. */
    private final class Touch implements Module {
        @Override
        public String name() {
            return "touch";
        }

        @Override
        public Set<String> requiredArgs() {
            return Set.of("id");
        }

        @Override
        public Set<String> optionalArgs() {
            return Set.of("done", "fail_on", "slow_on", "gone_on", "slow_check_on", "check_fail_on", "done_on");
        }

        @Override
        public Step bind(Args args) {
            return new Step() {
                @Override
                public Check check(StepContext ctx) {
                    ctx.node().run(Command.probe("test", "-e", "/tmp/" + args.string("id")));
                    String host = ctx.hostName();
                    if (host.equals(args.string("slow_check_on", "-"))) {
                        // a slow read: the other host must not act before this one has read
                        long until = System.nanoTime() + 300_000_000L;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        trace.add("checked " + args.string("id") + " " + host);
                    }
                    if (host.equals(args.string("check_fail_on", "-"))) {
                        throw new DuetException(Reason.COMMAND_FAILED, host + ": cannot read /tmp");
                    }
                    return args.bool("done", false) || host.equals(args.string("done_on", "-"))
                            ? Check.ok("already") : Check.change("would touch");
                }

                @Override
                public Done act(StepContext ctx, Check check) {
                    String host = ctx.hostName();
                    if (host.equals(args.string("gone_on", "-"))) {
                        return Done.unchanged("someone touched /tmp/" + args.string("id") + " meanwhile");
                    }
                    trace.add("start " + args.string("id") + " " + host);
                    if (host.equals(args.string("slow_on", "-"))) {
                        // a slow host: the other must not start the next task before this one is done
                        long until = System.nanoTime() + 300_000_000L;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                    if (host.equals(args.string("fail_on", "-"))) {
                        throw new DuetException(Reason.COMMAND_FAILED, host + ": touch failed");
                    }
                    ctx.node().run(Command.change("touch", "/tmp/" + args.string("id")));
                    trace.add("end " + args.string("id") + " " + host);
                    return Done.changed("touched /tmp/" + args.string("id"), "+++ /tmp/" + args.string("id") + "\n");
                }
            };
        }
    }

    static final Templating IDENTITY = new Templating() {
        @Override
        public Map<String, Object> vars(Play play, Host host, Map<String, Map<String, Object>> facts) {
            Map<String, Object> v = new LinkedHashMap<>(host.vars());
            v.putAll(play.vars());
            v.putAll(facts.getOrDefault(host.name(), Map.of()));
            v.put("inventory_hostname", host.name());
            return v;
        }

        @Override
        public Map<String, Object> render(Map<String, Object> args, Map<String, Object> vars, Args.Location where) {
            return args;
        }

        @Override
        public String renderString(String template, Map<String, Object> vars, Args.Location where) {
            return template;
        }

        @Override
        public boolean when(String expression, Map<String, Object> vars, Args.Location where) {
            return Boolean.parseBoolean(expression);
        }

        @Override
        public Set<String> undefined(Object value, Set<String> known) {
            return Set.of();
        }

        @Override
        public Set<String> undefinedInWhen(String expression, Set<String> known, Args.Location where) {
            return Set.of();
        }
    };

    private ScriptedNode node(String name) {
        return nodes.computeIfAbsent(name, n -> new ScriptedNode(n)
                .on(Facts.COMMAND.line(), 0, n + "\n6.1.0\ndebian\n\n12\n")
                .on("uname -n", 0, n + "\n")
                .on("cat /proc/drbd", 1, "", "cat: /proc/drbd: No such file or directory\n")
                .on("drbdadm --version", 127, "", "sh: 1: drbdadm: not found\n")
                .on("test -e", 1, "")
                .on("touch", 0, ""));
    }

    private static Task task(String id, Map<String, Object> extra, String when, boolean runOnce) {
        Map<String, Object> args = new LinkedHashMap<>(extra);
        args.put("id", id);
        return new Task("task " + id, "touch", args, when, runOnce, null, List.of(),
                new Args.Location(Path.of("pb.yml"), 3, 5));
    }

    private Recap run(boolean check, boolean anyErrorsFatal, Task... tasks) {
        Host h1 = new Host("node1", Map.of(), List.of("all"));
        Host h2 = new Host("node2", Map.of(), List.of("all"));
        Play play = new Play("pair", "all", Map.of(), false, anyErrorsFatal, List.of(tasks),
                new Args.Location(Path.of("pb.yml"), 1, 3));
        ModuleRegistry registry = new ModuleRegistry().register(new Touch());
        Plan plan = new Planner(registry, IDENTITY, p -> List.of(h1, h2))
                .plan(new Playbook(Path.of("pb.yml"), List.of(play)), RunOptions.apply());
        RunOptions options = check ? RunOptions.check() : RunOptions.apply();
        return new Runner(h -> node(h.name()), IDENTITY, events::add).run(plan, options);
    }

    @Test
    void tasksRunInOrderAndInLockStep() {
        Recap recap = run(false, false, task("a", Map.of("slow_on", "node1"), null, false), task("b", Map.of(), null, false));
        int lastEndOfA = Math.max(trace.indexOf("end a node1"), trace.indexOf("end a node2"));
        int firstStartOfB = Math.min(trace.indexOf("start b node1"), trace.indexOf("start b node2"));
        assertThat(lastEndOfA).as("trace %s", trace).isLessThan(firstStartOfB);
        assertThat(recap.hosts().get("node1").get(Status.CHANGED)).isEqualTo(2);
        assertThat(recap.hosts().get("node1").get(Status.OK)).as("gathering facts").isEqualTo(1);
        assertThat(recap.exitCode()).isZero();
    }

    @Test
    void noHostActsBeforeEveryHostHasCheckedWhatItReads() {
        Recap recap = run(false, false, task("a", Map.of("slow_check_on", "node2"), null, false));
        assertThat(trace).as("node1's act waited for node2's slow check")
                .startsWith("checked a node2").contains("start a node1", "start a node2");
        assertThat(recap.total(Status.CHANGED)).isEqualTo(2);
    }

    @Test
    void aHostWithNothingToDoOrAFailedCheckHoldsNobodyBack() {
        Recap recap = run(false, false, task("a", Map.of("check_fail_on", "node2"), null, false),
                task("b", Map.of("done_on", "node1", "slow_check_on", "node1"), null, false));
        assertThat(trace).contains("start a node1", "end a node1").doesNotContain("start a node2");
        assertThat(recap.hosts().get("node2").get(Status.FAILED)).isEqualTo(1);
        // node1 found b done after its slow read; node2 stopped at a: b acts nowhere, and nothing hangs
        assertThat(trace).doesNotContain("start b node1", "start b node2");
        assertThat(recap.hosts().get("node1").get(Status.OK)).isEqualTo(2);
    }

    @Test
    void checkModeActsNowhereAndCountsWouldChangeAsChanged() {
        Recap recap = run(true, false, task("a", Map.of(), null, false), task("b", Map.of("done", "yes"), null, false));
        assertThat(trace).isEmpty();
        nodes.values().forEach(n -> assertThat(n.mutatingCommands()).as(n.name()).isEmpty());
        assertThat(recap.total(Status.CHANGED)).isEqualTo(2);
        assertThat(recap.total(Status.OK)).isEqualTo(4);
    }

    @Test
    void aFailureStopsThatHostOnly() {
        Recap recap = run(false, false, task("a", Map.of("fail_on", "node1"), null, false), task("b", Map.of(), null, false));
        assertThat(trace).contains("end b node2").doesNotContain("start b node1");
        assertThat(recap.hosts().get("node1").get(Status.FAILED)).isEqualTo(1);
        assertThat(recap.exitCode()).isEqualTo(2);
        StepResult failed = events.stream().filter(e -> e instanceof EngineEvent.HostDone)
                .map(e -> ((EngineEvent.HostDone) e).result()).filter(r -> r.status() == Status.FAILED).findFirst().orElseThrow();
        assertThat(failed.message()).contains("node1").contains("touch failed");
        assertThat(failed.task()).isEqualTo("task a");
    }

    @Test
    void anyErrorsFatalStopsThePair() {
        Recap recap = run(false, true, task("a", Map.of("fail_on", "node1"), null, false), task("b", Map.of(), null, false));
        assertThat(trace).doesNotContain("start b node2", "start b node1");
        assertThat(recap.exitCode()).isEqualTo(2);
    }

    @Test
    void whenFalseSkipsAndRunOnceRunsOnTheFirstHost() {
        Recap recap = run(false, false, task("a", Map.of(), "false", false), task("b", Map.of(), null, true));
        assertThat(recap.hosts().get("node1").get(Status.SKIPPED)).isEqualTo(1);
        assertThat(trace).containsExactly("start b node1", "end b node1");
    }

    @Test
    void secondRunOnConvergedHostsChangesNothing() {
        Recap recap = run(false, false, task("a", Map.of("done", "yes"), null, false));
        assertThat(recap.total(Status.CHANGED)).isZero();
        nodes.values().forEach(n -> assertThat(n.mutatingCommands()).isEmpty());
    }

    @Test
    void unreachableHostIsReportedAndPairWideRunStopsBeforeChanges() {
        Host h1 = new Host("node1", Map.of(), List.of("all"));
        Host h2 = new Host("node2", Map.of(), List.of("all"));
        Play play = new Play("pair", "all", Map.of(), false, true, List.of(task("a", Map.of(), null, false)),
                new Args.Location(Path.of("pb.yml"), 1, 3));
        Plan plan = new Planner(new ModuleRegistry().register(new Touch()), IDENTITY, p -> List.of(h1, h2))
                .plan(new Playbook(Path.of("pb.yml"), List.of(play)), RunOptions.apply());
        NodeOpener opener = h -> {
            if (h.name().equals("node2")) {
                throw new DuetException(Reason.UNREACHABLE, "node2: connection refused (127.0.0.1:1)");
            }
            return node(h.name());
        };
        Recap recap = new Runner(opener, IDENTITY, events::add).run(plan, RunOptions.apply());
        assertThat(recap.exitCode()).isEqualTo(3);
        assertThat(recap.hosts().get("node2").get(Status.UNREACHABLE)).isEqualTo(1);
        assertThat(trace).isEmpty();
        assertThat(node("node1").mutatingCommands()).isEmpty();
    }

    @Test
    void recapLineHasAnsiblesShape() {
        Recap recap = run(false, false, task("a", Map.of(), null, false));
        assertThat(Recap.line("node1", recap.hosts().get("node1")))
                .isEqualTo("node1                      : ok=2    changed=1    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ");
    }

    private List<StepResult> results(String task) {
        return events.stream().filter(e -> e instanceof EngineEvent.HostDone)
                .map(e -> ((EngineEvent.HostDone) e).result()).filter(r -> r.task().equals(task)).toList();
    }

    @Test
    void applyReportsWhatTheActHalfSaysItDidWithItsDiff() {
        run(false, false, task("a", Map.of(), null, false));
        assertThat(results("task a")).extracting(StepResult::status, StepResult::message, StepResult::diff)
                .containsOnly(Tuple.tuple(Status.CHANGED, "touched /tmp/a", "+++ /tmp/a\n"));
    }

    @Test
    void planReportsWhatTheCheckHalfSaysWouldBeDone() {
        run(true, false, task("a", Map.of(), null, false));
        assertThat(results("task a")).extracting(StepResult::status, StepResult::message)
                .containsOnly(Tuple.tuple(Status.CHANGED, "would touch"));
    }

    @Test
    void anActHalfThatFindsNothingLeftToDoReportsOk() {
        Recap recap = run(false, false, task("a", Map.of("gone_on", "node2"), null, false));
        assertThat(recap.hosts().get("node2").get(Status.CHANGED)).isZero();
        assertThat(recap.hosts().get("node1").get(Status.CHANGED)).isEqualTo(1);
        assertThat(results("task a")).filteredOn(r -> r.host().equals("node2"))
                .extracting(StepResult::status, StepResult::message)
                .containsExactly(Tuple.tuple(Status.OK, "someone touched /tmp/a meanwhile"));
    }
}
