package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duet.engine.Facts;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code duet apply/plan} end to end in-process, over SSH to two embedded MINA hosts. */
class ApplyOverSshTest {
    static final String MOTD = "/etc/duet/motd";
    static final String DONE = "/var/lib/duet/done";
    static final String PLAYBOOK = """
            - name: Small pair
              hosts: pair
              any_errors_fatal: %s
              tasks:
                - name: Write the motd
                  copy:
                    dest: /etc/duet/motd
                    content: "hello from {{ inventory_hostname }}\\n"
                    mode: "0640"
                    owner: root
                - name: Mark the pair done
                  command:
                    cmd: touch /var/lib/duet/done
                    creates: /var/lib/duet/done
            """;
    /**
     * The commands the steps of {@link #PLAYBOOK} send as probes (check halves and fact gathering). A file
     * check reads mode/owner and content in one round trip: {@code base64 -w 0 -- PATH} only encodes the
     * file to its standard output (no {@code -d}, nothing written). Over SSH these probes arrive as one
     * batch, and the fake host lists each probe of a batch as a command of its own, so every one is held
     * to this list.
     */
    static final List<String> READ_ONLY = List.of(Facts.COMMAND.line(), "test -e ", "stat -c ", "base64 -w 0 -- ");

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    Path playbook(boolean anyErrorsFatal) throws Exception {
        return Files.writeString(dir.resolve("site.yml"), PLAYBOOK.formatted(anyErrorsFatal));
    }

    CliRun duet(String verb, Path inventory, Path playbook, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = verb;
        args[1] = "-i";
        args[2] = inventory.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = playbook.toString();
        return CliRun.of(all);
    }

    static List<String> mutating(FakeSshHost h) {
        return h.commands().stream().filter(c -> READ_ONLY.stream().noneMatch(c::startsWith)).toList();
    }

    @Test
    void firstApplyChangesBothNodesAndTheSecondChangesNothing() throws Exception {
        Path inv = pair.inventory(dir);
        Path pb = playbook(false);

        CliRun first = duet("apply", inv, pb);

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("PLAY RECAP", "changed: [node1]", "changed: [node2]");
        assertThat(first.out()).as("apply says what each act half did")
                .contains("changed: [node1] => created " + MOTD + "\n", "changed: [node2] => ran `touch " + DONE + "`\n")
                .doesNotContain("would ");
        for (FakeSshHost h : pair.both()) {
            assertThat(first.recap(h.name(), "changed")).as(h.name()).isEqualTo(2);
            assertThat(first.recap(h.name(), "failed")).isZero();
            assertThat(first.recap(h.name(), "unreachable")).isZero();
            assertThat(h.fileText(MOTD)).isEqualTo("hello from " + h.name() + "\n");
            assertThat(h.mode(MOTD)).isEqualTo("0640");
            assertThat(h.fileText(DONE)).isEqualTo("");
            assertThat(h.commandsStartingWith("touch ")).containsExactly("touch " + DONE);
            assertThat(h.list("/etc/duet")).containsExactly("motd");
        }
        // as Ansible's recap: ok counts the 2 changed tasks and fact gathering
        assertThat(first.out()).containsPattern("(?m)^node1\\s+: ok=3\\s+changed=2\\s+unreachable=0\\s+failed=0\\s+skipped=0");

        CliRun second = duet("apply", inv, pb);

        assertThat(second.exit()).as(second.toString()).isZero();
        for (FakeSshHost h : pair.both()) {
            assertThat(second.recap(h.name(), "changed")).as(second.toString()).isZero();
            assertThat(second.recap(h.name(), "ok")).isEqualTo(3);
            assertThat(h.commandsStartingWith("touch ")).hasSize(1);
        }
    }

    @Test
    void planOnFreshNodesReportsEveryChangeAndSendsNoMutatingCommand() throws Exception {
        CliRun plan = duet("plan", pair.inventory(dir), playbook(false));

        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("check mode", "+hello from node1", "would run `touch " + DONE + "`");
        for (FakeSshHost h : pair.both()) {
            assertThat(plan.recap(h.name(), "changed")).isEqualTo(2);
            assertThat(h.commands()).isNotEmpty();
            assertThat(mutating(h)).as(h.name() + " received a command no step marks read-only").isEmpty();
            assertThat(h.list("/")).containsExactly("tmp");
        }
    }

    @Test
    void planAfterApplySeesNothingToDoAndTouchesNothing() throws Exception {
        Path inv = pair.inventory(dir);
        Path pb = playbook(false);
        assertThat(duet("apply", inv, pb).exit()).isZero();
        long before = Files.getLastModifiedTime(pair.node1.path(MOTD)).toMillis();
        int commandsBefore = pair.node1.commands().size();

        CliRun plan = duet("apply", inv, pb, "--check");

        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.recap("node1", "changed")).isZero();
        assertThat(plan.recap("node2", "changed")).isZero();
        assertThat(pair.node1.commands().subList(commandsBefore, pair.node1.commands().size()))
                .allMatch(c -> READ_ONLY.stream().anyMatch(c::startsWith));
        assertThat(Files.getLastModifiedTime(pair.node1.path(MOTD)).toMillis()).isEqualTo(before);
    }

    @Test
    void jsonOutputIsOneObjectPerLineEndingWithTheRecap() throws Exception {
        CliRun run = duet("apply", pair.inventory(dir), playbook(false), "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        List<JsonNode> events = run.events();
        assertThat(events).extracting(e -> e.get("event").asText()).startsWith("play", "task").endsWith("recap");
        JsonNode recap = events.get(events.size() - 1);
        assertThat(recap.at("/hosts/node1/changed").asInt()).isEqualTo(2);
        assertThat(recap.at("/hosts/node2/changed").asInt()).isEqualTo(2);
        assertThat(recap.get("exit_code").asInt()).isZero();
        assertThat(events).filteredOn(e -> e.get("event").asText().equals("result")
                        && e.get("task").asText().equals("Write the motd") && e.get("host").asText().equals("node2"))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("changed").asBoolean()).isTrue();
                    assertThat(e.get("module").asText()).isEqualTo("copy");
                    assertThat(e.get("msg").asText()).isEqualTo("created " + MOTD);
                    assertThat(e.get("diff").asText()).contains("+hello from node2");
                });
    }

    @Test
    void changedHostKeyIsRefusedWithExitThreeNamingTheNode() throws Exception {
        Files.writeString(pair.node2.knownHosts(),
                TestKeys.knownHostsLine("127.0.0.1", pair.node2.port(), TestKeys.ed25519().getPublic()) + "\n");

        CliRun run = duet("apply", pair.inventory(dir), playbook(true));

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("fatal: [node2]: UNREACHABLE! => node2: HOST KEY CHANGED for")
                .contains(pair.node2.hostKeyFingerprint());
        assertThat(run.recap("node2", "unreachable")).isEqualTo(1);
        assertThat(pair.node2.commands()).isEmpty();
        assertThat(mutating(pair.node1)).isEmpty();
        assertThat(pair.node1.fileText(MOTD)).isNull();
    }

    @Test
    void unreachableNodeWithAnyErrorsFatalExitsThreeAndChangesNothingOnThePeer() throws Exception {
        Path inv = pair.inventory(dir);
        pair.node2.stop();

        CliRun run = duet("apply", inv, playbook(true));

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.recap("node2", "unreachable")).isEqualTo(1);
        assertThat(run.recap("node1", "changed")).isZero();
        assertThat(run.out()).contains("fatal: [node2]: UNREACHABLE! => node2: cannot connect to 127.0.0.1:"
                + pair.node2.port());
        assertThat(mutating(pair.node1)).isEmpty();
        assertThat(pair.node1.fileText(MOTD)).isNull();
        assertThat(pair.node1.fileText(DONE)).isNull();
    }

    @Test
    void unreachableNodeWithoutAnyErrorsFatalStillExitsThreeWhileThePeerConverges() throws Exception {
        Path inv = pair.inventory(dir);
        pair.node2.stop();

        CliRun run = duet("apply", inv, playbook(false));

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.recap("node2", "unreachable")).isEqualTo(1);
        assertThat(run.recap("node1", "changed")).isEqualTo(2);
        assertThat(pair.node1.fileText(MOTD)).isEqualTo("hello from node1\n");
    }

    @Test
    void failingCommandExitsTwoNamingNodeTaskCommandExitCodeAndStderr() throws Exception {
        pair.node2.on("touch ", 1, "", "touch: cannot touch '/var/lib/duet/done': Read-only file system\n");

        CliRun run = duet("apply", pair.inventory(dir), playbook(false));

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.recap("node2", "failed")).isEqualTo(1);
        assertThat(run.recap("node1", "changed")).isEqualTo(2);
        String fatal = run.out().lines().filter(l -> l.startsWith("fatal: [node2]")).findFirst().orElseThrow();
        assertThat(fatal).contains("node2: `touch /var/lib/duet/done` exited 1", "Read-only file system");
        String before = run.out().substring(0, run.out().indexOf(fatal));
        assertThat(before.substring(before.lastIndexOf("TASK ["))).startsWith("TASK [Mark the pair done]");
    }

    @Test
    void unknownModuleExitsFourWithFileLineColumnBeforeAnyHostIsContacted() throws Exception {
        Path pb = Files.writeString(dir.resolve("bad.yml"), """
                - name: Small pair
                  hosts: pair
                  tasks:
                    - name: Fine
                      command:
                        cmd: "true"
                    - name: Typo
                      cpoy:
                        dest: /etc/x
                        content: x
                """);

        CliRun run = duet("apply", pair.inventory(dir), pb);

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains(pb + ":8:7:").contains("cpoy").doesNotContain("\tat ");
        assertThat(pair.node1.commands()).isEmpty();
        assertThat(pair.node2.commands()).isEmpty();
    }

    @Test
    void missingInventoryFileIsBadInput() throws Exception {
        CliRun run = duet("apply", dir.resolve("nope.yml"), playbook(false));

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("nope.yml");
    }
}
