package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSH connection to node2 dies at each step boundary (the first command of each task; also mid-step
 * for the command module's act half), every time, so the one reconnect does not save it: the run fails
 * naming node and task, and a re-run without the fault converges, changing only what was left.
 */
class ConnectionDropOverSshTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    @ParameterizedTest(name = "drop on `{1}` during [{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Gathering Facts    | sh -c 'uname -n | 2",
            "Write the motd     | chown           | 2",
            "Mark the pair done | test -e         | 1",
            "Mark the pair done | touch           | 1"})
    void droppedConnectionFailsNamingNodeAndStepAndReRunConverges(String task, String firstCommand, int left)
            throws Exception {
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
        assertThat(pair.node2.commandsStartingWith(firstCommand)).as("first try and one reconnect").hasSize(2);
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
}
