package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duet.engine.Facts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SSH connection to node2 dies at each step boundary (the first command of each task; also mid-step
 * for the command module's act half), every time, so the one reconnect does not save it: the run fails
 * naming node and task, and a re-run without the fault converges, changing only what was left. A command
 * that changes the host is never replayed blindly: after the drop the step's check runs again on the new
 * connection, and only if it still says so is the command sent again.
 */
class ConnectionDropOverSshTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    /** Task, the first command of that task on node2 (the facts script by its whole line), what is left, tries. */
    static Stream<Arguments> drops() {
        return Stream.of(
                Arguments.of("Gathering Facts", Named.of("the facts script", Facts.COMMAND.line()), 2, 2),
                Arguments.of("Write the motd", "chown", 2, 2),
                Arguments.of("Mark the pair done", "test -e", 1, 4),
                Arguments.of("Mark the pair done", "touch", 1, 2));
    }

    @ParameterizedTest(name = "drop on `{1}` during [{0}]")
    @MethodSource("drops")
    void droppedConnectionFailsNamingNodeAndStepAndReRunConverges(String task, String firstCommand, int left,
                                                                 int tries) throws Exception {
        Path inv = pair.inventory(dir);
        Path pb = Files.writeString(dir.resolve("site.yml"), ApplyOverSshTest.PLAYBOOK.formatted(false));
        AtomicBoolean faulty = new AtomicBoolean(true);
        pair.node2.dropConnectionAlways(line -> faulty.get() && line.startsWith(firstCommand));

        CliRun broken = CliRun.of("apply", "-i", inv.toString(), "--json", pb.toString());

        assertThat(broken.exit()).as(broken.toString()).isEqualTo(3);
        JsonNode failure = broken.events().stream()
                .filter(e -> e.path("event").asText().equals("result") && e.path("host").asText().equals("node2")
                        && e.path("unreachable").asBoolean())
                .findFirst().orElseThrow(() -> new AssertionError("no unreachable result for node2:\n" + broken));
        assertThat(failure.get("task").asText()).isEqualTo(task);
        assertThat(failure.get("msg").asText()).startsWith("node2: connection to 127.0.0.1:" + pair.node2.port()
                + " dropped again").contains(firstCommand);
        // Each ask is sent once and once more after a reconnect. A check's read is asked twice: read ahead
        // before the first task (given up after the second drop; the run goes on) and by the check itself.
        assertThat(pair.node2.commandsStartingWith(firstCommand)).as("first try and one reconnect, per ask").hasSize(tries);
        if (firstCommand.equals("touch")) {
            // The command module's act half changes the host: between the two sends, its check (`test -e` of
            // `creates`) ran again on the new connection and still said the file is missing.
            List<String> sent = pair.node2.commands();
            int first = sent.indexOf("touch /var/lib/duet/done");
            assertThat(sent.subList(first + 1, sent.lastIndexOf("touch /var/lib/duet/done")))
                    .as("the check ran again before the command was sent again").contains("test -e /var/lib/duet/done");
        }
        JsonNode recap = broken.events().get(broken.events().size() - 1);
        assertThat(recap.at("/hosts/node1/changed").asInt()).isEqualTo(2);
        assertThat(recap.at("/hosts/node2/unreachable").asInt()).isEqualTo(1);

        faulty.set(false);
        CliRun again = CliRun.of("apply", "-i", inv.toString(), pb.toString());

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.recap("node1", "changed")).isZero();
        assertThat(again.recap("node2", "changed")).isEqualTo(left);
        assertThat(pair.node2.fileText(ApplyOverSshTest.MOTD)).isEqualTo("hello from node2\n");
        assertThat(pair.node2.fileText(ApplyOverSshTest.DONE)).isEqualTo("");

        CliRun third = CliRun.of("apply", "-i", inv.toString(), pb.toString());
        assertThat(third.recap("node2", "changed")).as(third.toString()).isZero();
    }

    /**
     * `touch` runs on node2 and the connection dies before its exit status arrives. The command is not
     * sent again: the check on the new connection finds the file it creates, so the step is done, and the
     * output says the connection dropped mid-act.
     */
    @Test
    void aCommandThatRanBeforeTheDropIsNotSentAgain() throws Exception {
        Path inv = pair.inventory(dir);
        Path pb = Files.writeString(dir.resolve("site.yml"), ApplyOverSshTest.PLAYBOOK.formatted(false));
        pair.node2.dropConnectionAfterRunning(line -> line.startsWith("touch"));

        CliRun run = CliRun.of("apply", "-i", inv.toString(), "--json", pb.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(pair.node2.commandsStartingWith("touch")).as("never replayed").hasSize(1);
        assertThat(pair.node2.fileText(ApplyOverSshTest.DONE)).isEqualTo("");
        JsonNode result = run.events().stream()
                .filter(e -> e.path("event").asText().equals("result") && e.path("host").asText().equals("node2")
                        && e.path("task").asText().equals("Mark the pair done"))
                .findFirst().orElseThrow(() -> new AssertionError(run.toString()));
        assertThat(result.get("status").asText()).isEqualTo("changed");
        assertThat(result.get("msg").asText()).contains("dropped mid-act", "touch /var/lib/duet/done", "exists");
        JsonNode recap = run.events().get(run.events().size() - 1);
        assertThat(recap.at("/hosts/node2/changed").asInt()).isEqualTo(2);
        assertThat(recap.at("/hosts/node2/unreachable").asInt()).isZero();
    }
}
