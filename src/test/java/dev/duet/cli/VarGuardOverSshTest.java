package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.engine.Facts;
import dev.duet.testing.FakeSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard for values that reach a task through variables: refused at load (exit 4, at the
 * variable's line) before any SSH session; values built from facts can only be refused at bind (exit 2).
 */
class VarGuardOverSshTest {
    private static final String PLAYBOOK = """
            - name: Pair
              hosts: pair
              vars:
                resource: %s
              tasks:
                - name: Bring the resource up
                  drbd_up:
                    resource: "{{ resource }}"
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    private CliRun plan(String resourceYaml, Path inventory) throws Exception {
        Path playbook = Files.writeString(dir.resolve("site.yml"), PLAYBOOK.formatted(resourceYaml));
        return CliRun.of("plan", "-i", inventory.toString(), playbook.toString());
    }

    @Test
    void metacharactersInAPlayVarAreRefusedBeforeAnySshSession() throws Exception {
        CliRun run = plan("\"r0;reboot\"", pair.inventory(dir));

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("site.yml:4:5: variable 'resource' is used by task 'Bring the resource up'",
                "must be a plain name", "got 'r0;reboot'");
        for (FakeSshHost h : pair.both()) {
            assertThat(h.sessions()).as(h.name() + " was contacted").isZero();
            assertThat(h.commands()).isEmpty();
        }
    }

    @Test
    void metacharactersInAnInventoryHostVarAreRefusedAtTheInventoryLine() throws Exception {
        Path inventory = pair.inventory(dir, (name, vars) -> vars.put("res", name.equals("node2") ? "r0 `id`" : "r0"));
        CliRun run = plan("\"{{ res }}\"", inventory);

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        java.util.List<String> lines = Files.readAllLines(inventory);
        int resLine = 1 + java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).contains("`id`")).findFirst().orElseThrow();
        assertThat(run.err()).contains("inventory.yml:" + resLine + ":",
                "variable 'res' (through variable 'resource' at ", "site.yml:4:5)", "on host node2", "got 'r0 `id`'");
        assertThat(pair.node1.sessions() + pair.node2.sessions()).isZero();
    }

    @Test
    void aValueBuiltFromFactsIsStillRefusedWhenTheStepBinds() throws Exception {
        CliRun run = plan("\"r0;{{ ansible_hostname }}\"", pair.inventory(dir));

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("must be a plain name", "r0;node1", "r0;node2");
        for (FakeSshHost h : pair.both()) {
            assertThat(h.commands()).as(h.name()).allMatch(c -> c.startsWith(Facts.COMMAND.line()));
        }
    }
}
