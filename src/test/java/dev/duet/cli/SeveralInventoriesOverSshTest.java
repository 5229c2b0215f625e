package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeSshHost;
import dev.duet.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -i A -i B} on the commands that contact hosts, as {@code ansible-playbook -i A -i B}: the sources
 * read in order into one inventory (B's group_vars/ too), and a bad or missing later source refused with
 * exit 4 at its own file and line before any host is contacted.
 */
class SeveralInventoriesOverSshTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    private Path playbook() {
        return TestFiles.write(dir, "site.yml", """
                - name: Pair
                  hosts: pair
                  gather_facts: false
                  tasks:
                    - name: Say where the values came from
                      debug:
                        msg: "tier={{ tier }} color={{ color }}"
                """);
    }

    private void assertNoHostContacted() {
        for (FakeSshHost h : pair.both()) {
            assertThat(h.sessions()).as(h.name() + " was contacted").isZero();
        }
    }

    @Test
    void aSecondInventoryAddsVariablesAndItsOwnGroupVars() {
        Path first = pair.inventory(dir);
        Path second = TestFiles.write(dir, "more/hosts", "[pair:vars]\ncolor=blue\n\n[pair]\nnode2 tier=two\n");
        TestFiles.write(dir, "more/group_vars/all.yml", "tier: one\n");

        CliRun run = CliRun.of("apply", "-i", first.toString(), "-i", second.toString(), playbook().toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("ok: [node1] => tier=one color=blue", "ok: [node2] => tier=two color=blue");
    }

    @Test
    void aBadSecondInventoryIsExitFourAtItsFileAndLineBeforeAnyHostIsContacted() {
        Path first = pair.inventory(dir);
        Path second = TestFiles.write(dir, "more/hosts", "[pair]\nnode2\nnode3 ansible_port=http\n");

        CliRun run = CliRun.of("apply", "-i", first.toString(), "-i", second.toString(), playbook().toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains(second + ":3:", "ansible_port").doesNotContain("Exception");
        assertNoHostContacted();
    }

    @Test
    void aMissingSecondInventoryIsExitFourNamingItOnApplyAndStatus() {
        Path first = pair.inventory(dir);
        Path missing = dir.resolve("more/hosts");

        CliRun apply = CliRun.of("apply", "-i", first.toString(), "-i", missing.toString(), playbook().toString());
        CliRun status = CliRun.of("status", "-i", first.toString(), "-i", missing.toString());

        for (CliRun run : new CliRun[] {apply, status}) {
            assertThat(run.exit()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).contains(missing + ": no such file or directory", "expected an inventory file");
        }
        assertNoHostContacted();
    }
}
