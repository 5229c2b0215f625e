package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.Task;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
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
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Checks read ahead while nothing has changed in the run: the reads go to the host in batches before the
 * first task, each check then decides on them, and after any act every check reads the host again.
 */
class ChecksAheadTest {
    private final Map<String, ScriptedNode> nodes = new ConcurrentHashMap<>();
    /** Per host, the flags that are on; an act on flag "a" also turns on "b" (a pair-wide side effect). */
    private final Map<String, Set<String>> on = new ConcurrentHashMap<>();
    private final List<EngineEvent> events = Collections.synchronizedList(new ArrayList<>());

    /**
     * flag: the check reads `cat /tmp/ID` (ok when "on"); the act turns it on with a mutating command.
     * With {@code twoReads} the check reads `cat /tmp/ID-too` as well, only once the first is on; with
     * {@code named} it names both as its likely reads, so a no-op needs one batch instead of two rounds.
     */
    private static final class Flag implements Module {
        private final boolean twoReads;
        private final boolean named;

        Flag(boolean twoReads, boolean named) {
            this.twoReads = twoReads;
            this.named = named;
        }

        @Override
        public String name() {
            return "flag";
        }

        @Override
        public Set<String> requiredArgs() {
            return Set.of("id");
        }

        @Override
        public Set<String> optionalArgs() {
            return Set.of();
        }

        @Override
        public Step bind(Args args) {
            String id = args.string("id");
            Command first = Command.probe("cat", "/tmp/" + id);
            Command second = Command.probe("cat", "/tmp/" + id + "-too");
            return new Step() {
                @Override
                public LikelyReads likelyReads(StepContext ctx) {
                    return named ? LikelyReads.probes(first, second) : LikelyReads.NONE;
                }

                @Override
                public Check check(StepContext ctx) {
                    boolean on = ctx.node().run(first).stdout().strip().equals("on")
                            && (!twoReads || ctx.node().run(second).stdout().strip().equals("on"));
                    return on ? Check.ok(id + " is on") : Check.change("would turn " + id + " on");
                }

                @Override
                public Done act(StepContext ctx, Check check) {
                    ctx.node().run(Command.change("flag-on", id));
                    return Done.changed("turned " + id + " on", null);
                }
            };
        }
    }

    private ScriptedNode node(String name) {
        return nodes.computeIfAbsent(name, n -> {
            Set<String> flags = on.computeIfAbsent(n, k -> ConcurrentHashMap.newKeySet());
            return new ScriptedNode(n)
                    .on(Facts.COMMAND.line(), 0, n + "\n6.1.0\ndebian\n\n12\n")
                    .on("cat /tmp/", c -> ScriptedNode.result(c, 0,
                            flags.contains(c.argv().get(1).substring(5)) ? "on\n" : "off\n", ""))
                    .on("flag-on", c -> {
                        String id = c.argv().get(1);
                        flags.add(id);
                        if (id.equals("a")) {
                            flags.add("b");
                        }
                        return ScriptedNode.result(c, 0, "", "");
                    });
        });
    }

    private Recap run(boolean check, String... ids) {
        return run(new Flag(false, false), check, ids);
    }

    private Recap run(Module module, boolean check, String... ids) {
        Host h1 = new Host("node1", Map.of(), List.of("all"));
        Host h2 = new Host("node2", Map.of(), List.of("all"));
        List<Task> tasks = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("id", id);
            tasks.add(new Task("flag " + id, "flag", args, null, false, null, List.of(),
                    new Args.Location(Path.of("pb.yml"), 3, 5)));
        }
        Play play = new Play("pair", "all", Map.of(), true, false, tasks, new Args.Location(Path.of("pb.yml"), 1, 3));
        ModuleRegistry registry = new ModuleRegistry().register(module);
        Plan plan = new Planner(registry, RunnerTest.IDENTITY, p -> List.of(h1, h2))
                .plan(new Playbook(Path.of("pb.yml"), List.of(play)), RunOptions.apply());
        return new Runner(h -> node(h.name()), RunnerTest.IDENTITY, events::add)
                .run(plan, check ? RunOptions.check() : RunOptions.apply());
    }

    private List<String> reads(String host, String id) {
        return node(host).commands().stream().map(Command::line).filter(l -> l.equals("cat /tmp/" + id)).toList();
    }

    /** The batches of the checks' reads sent to {@code host} (fact gathering aside). */
    private List<List<String>> checkBatches(String host) {
        return node(host).batches().stream().map(b -> b.stream().map(Command::line).toList())
                .filter(b -> b.stream().noneMatch(l -> l.startsWith(Facts.COMMAND.line()))).toList();
    }

    private List<String> results(String host) {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (EngineEvent e : events) {
                if (e instanceof EngineEvent.HostDone d && d.result().host().equals(host) && !d.result().task().equals("Gathering Facts")) {
                    out.add(d.result().task() + ": " + d.result().status());
                }
            }
        }
        return out;
    }

    @Test
    void aNoOpRunReadsEveryCheckOnceAheadAndChangesNothing() {
        on.put("node1", ConcurrentHashMap.newKeySet());
        on.put("node2", ConcurrentHashMap.newKeySet());
        on.get("node1").addAll(List.of("a", "b", "c"));
        on.get("node2").addAll(List.of("a", "b", "c"));

        Recap recap = run(false, "a", "b", "c");

        assertThat(recap.exitCode()).isZero();
        for (String host : List.of("node1", "node2")) {
            assertThat(results(host)).containsExactly("flag a: OK", "flag b: OK", "flag c: OK");
            for (String id : List.of("a", "b", "c")) {
                assertThat(reads(host, id)).as("%s read once for its check", id).hasSize(1);
            }
        }
        synchronized (events) {
            assertThat(events).filteredOn(e -> e instanceof EngineEvent.ReadingAhead)
                    .as("said once, before the batches, so -vv shows their commands under their own heading")
                    .containsExactly(new EngineEvent.ReadingAhead(List.of("node1", "node2")));
            int ahead = events.indexOf(new EngineEvent.ReadingAhead(List.of("node1", "node2")));
            int firstTask = events.stream().filter(e -> e instanceof EngineEvent.TaskStarted t
                    && t.task().equals("flag a")).findFirst().map(events::indexOf).orElseThrow();
            assertThat(ahead).isLessThan(firstTask);
        }
    }

    @Test
    void aCheckThatNamesItsLikelyReadsIsReadAheadInOneBatch() {
        for (boolean hinted : List.of(false, true)) {
            nodes.clear();
            on.put("node1", ConcurrentHashMap.newKeySet());
            on.get("node1").addAll(List.of("a", "a-too", "b", "b-too"));
            on.put("node2", ConcurrentHashMap.newKeySet());
            on.get("node2").addAll(List.of("a", "a-too", "b", "b-too"));

            Recap recap = run(new Flag(true, hinted), false, "a", "b");

            assertThat(recap.exitCode()).isZero();
            assertThat(node("node1").mutatingCommands()).isEmpty();
            List<List<String>> batches = checkBatches("node1");
            if (hinted) {
                assertThat(batches).as("every read of both checks in one batch").containsExactly(
                        List.of("cat /tmp/a", "cat /tmp/a-too", "cat /tmp/b", "cat /tmp/b-too"));
            } else {
                assertThat(batches).as("without the names: one round per read that depends on another").containsExactly(
                        List.of("cat /tmp/a", "cat /tmp/b"), List.of("cat /tmp/a-too", "cat /tmp/b-too"));
            }
            assertThat(node("node1").commands()).extracting(Command::line).filteredOn(l -> l.startsWith("cat "))
                    .as("each read once").hasSize(4);
        }
    }

    @Test
    void aLikelyReadThatFailsIsReadAheadOnceAndAnswersItsCheck() {
        on.put("node1", ConcurrentHashMap.newKeySet());
        on.put("node2", ConcurrentHashMap.newKeySet());
        ScriptedNode n1 = new ScriptedNode("node1")
                .on(Facts.COMMAND.line(), 0, "node1\n6.1.0\ndebian\n\n12\n")
                .on("cat /tmp/a-too", 1, "", "gone\n")
                .on("cat /tmp/a", 0, "on\n");
        nodes.put("node1", n1);

        Recap recap = run(new Flag(true, true), true, "a");

        assertThat(recap.exitCode()).isZero();
        assertThat(checkBatches("node1")).as("the failed read is not read ahead again")
                .containsExactly(List.of("cat /tmp/a", "cat /tmp/a-too"));
        assertThat(n1.commands()).extracting(Command::line).filteredOn(l -> l.equals("cat /tmp/a-too"))
                .as("read once, ahead: the check's one ask is answered by it, later rounds do not read it again").hasSize(1);
        assertThat(results("node1")).containsExactly("flag a: CHANGED");
    }

    @Test
    void afterAnActEveryCheckReadsTheHostAgainNotWhatWasReadAhead() {
        Recap recap = run(false, "a", "b");

        assertThat(recap.exitCode()).isZero();
        // read ahead, b was off; the act on a turned b on: b's check must see that and do nothing
        assertThat(results("node1")).containsExactly("flag a: CHANGED", "flag b: OK");
        assertThat(reads("node1", "b")).as("read ahead, then read again after the act").hasSize(2);
        assertThat(node("node1").mutatingCommands()).extracting(Command::line).containsExactly("flag-on a");
    }

    @Test
    void planReadsAheadAndSendsNothingMutating() {
        Recap recap = run(true, "a", "b");

        assertThat(recap.exitCode()).isZero();
        assertThat(results("node2")).containsExactly("flag a: CHANGED", "flag b: CHANGED");
        assertThat(node("node2").mutatingCommands()).isEmpty();
        assertThat(reads("node2", "a")).hasSize(1);
        assertThat(reads("node2", "b")).hasSize(1);
    }

    @Test
    void anAheadNodeSendsNothingAndStopsAtAChangeAPollOrAFailedAnswer() {
        ScriptedNode host = new ScriptedNode("node1").on("cat /tmp/x", 0, "on\n").on("cat /tmp/y", 1, "", "no\n");
        HostReads reads = new HostReads(new HostReads.Generation());
        CachedNode memory = new CachedNode(host, reads);
        AheadNode ahead = new AheadNode(memory);
        Command x = Command.probe("cat", "/tmp/x");
        Command y = Command.probe("cat", "/tmp/y");

        assertThatThrownBy(() -> ahead.run(x)).isInstanceOf(AheadNode.Stop.class);
        assertThatThrownBy(() -> ahead.probeFile("/etc/z")).isInstanceOf(AheadNode.Stop.class);
        assertThat(ahead.probesToRead()).containsExactly(x);
        assertThat(ahead.filesToRead()).containsExactly("/etc/z");
        assertThatThrownBy(() -> ahead.run(Command.change("touch", "/tmp/x"))).isInstanceOf(AheadNode.Stop.class);
        assertThatThrownBy(() -> ahead.writeFile("/etc/z", new byte[0], null, null)).isInstanceOf(AheadNode.Stop.class);
        assertThat(host.commands()).as("nothing sent from the ahead view").isEmpty();

        memory.readAhead(List.of(x, y), List.of());
        assertThat(host.commands()).as("one batch").hasSize(2);
        ahead.nextCheck();
        for (int i = 0; i < AheadNode.ASKS; i++) {
            assertThat(ahead.run(x).stdout()).isEqualTo("on\n");
        }
        assertThatThrownBy(() -> ahead.run(x)).as("the same question again and again is a poll")
                .isInstanceOf(AheadNode.Stop.class);
        assertThatThrownBy(() -> ahead.run(y)).as("a failed answer ends the look").isInstanceOf(AheadNode.Stop.class);
        assertThat(host.commands()).hasSize(2);
    }

    @Test
    void aBatchReadAheadTakesAtMostAMinuteAndItsAnswersServeTheChecksOwnQuestions() {
        ScriptedNode host = new ScriptedNode("node1").on("cat /tmp/x", 0, "on\n").on("cat /tmp/y", 0, "off\n");
        CachedNode memory = new CachedNode(host, new HostReads(new HostReads.Generation()));
        Command x = Command.probe("cat", "/tmp/x");
        Command y = Command.probe("cat", "/tmp/y").withTimeout(java.time.Duration.ofSeconds(10));

        memory.readAhead(List.of(x, y), List.of());

        assertThat(host.commands()).extracting(Command::timeout).as("a hanging probe costs a minute here, not its 5 min")
                .containsExactly(CachedNode.AHEAD_LIMIT, java.time.Duration.ofSeconds(10));
        assertThat(memory.run(x).command()).isEqualTo(x);
        assertThat(memory.run(x).stdout()).isEqualTo("on\n");
        assertThat(memory.run(y).stdout()).isEqualTo("off\n");
        assertThat(host.commands()).as("the checks' questions answered from the read ahead").hasSize(2);
    }

    @Test
    void aFailedAnswerReadAheadAnswersOneAskOnly() {
        ScriptedNode host = new ScriptedNode("node1").on("systemctl is-enabled drbd", 1, "disabled\n");
        CachedNode memory = new CachedNode(host, new HostReads(new HostReads.Generation()));
        Command enabled = Command.probe("systemctl", "is-enabled", "drbd");

        memory.readAhead(List.of(enabled), List.of());
        assertThat(memory.run(enabled).stdout()).isEqualTo("disabled\n");
        assertThat(host.commands()).hasSize(1);
        memory.run(enabled);
        assertThat(host.commands()).as("asked again: the host answers, not memory").hasSize(2);
    }
}
