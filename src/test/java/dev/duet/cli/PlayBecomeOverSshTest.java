package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeRequest;
import dev.duet.testing.FakeSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The play's {@code become:} reaches the SSH transport for a non-root login, and the inventory's
 * {@code ansible_become} (a variable) still wins over it, and over a task's own {@code become:}, as in Ansible.
 */
class PlayBecomeOverSshTest {
    private static final String PLAY = """
            - name: %s
              hosts: pair
            %s  tasks:
                - name: Mark
                  command:
                    cmd: touch /var/lib/duet/%s
                    creates: /var/lib/duet/%s
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    private static String play(String name, String keywords, String file) {
        return PLAY.formatted(name, keywords, file, file);
    }

    private CliRun apply(String playbook, Object inventoryBecome) throws Exception {
        Path inventory = pair.inventory(dir, (name, vars) -> {
            vars.put("ansible_user", "deploy");
            if (inventoryBecome != null) {
                vars.put("ansible_become", inventoryBecome);
            }
        });
        Path file = Files.writeString(dir.resolve("site.yml"), playbook);
        CliRun run = CliRun.of("apply", "-i", inventory.toString(), file.toString());
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    private static List<FakeRequest> touching(FakeSshHost h, String file) {
        return h.requestsMentioning("/var/lib/duet/" + file);
    }

    @Test
    void playBecomeWrapsEveryCommandInSudoForANonRootUser() throws Exception {
        apply(play("Pair", "  become: true\n", "done"), null);

        for (FakeSshHost h : pair.both()) {
            assertThat(h.requests()).as(h.name()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.user()).isEqualTo("deploy");
                // each command under sudo, inside the host's timeout(1) with its own limit (5 min; a read ahead 1 min)
                assertThat(r.rawLine()).isEqualTo("sudo -n -- timeout -k 5s " + r.remoteTimeout().toSeconds() + "s " + r.line());
                assertThat(r.remoteTimeout()).isIn(java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(1));
            });
            assertThat(h.commands()).contains("touch /var/lib/duet/done");
        }
    }

    @Test
    void withoutBecomeAnywhereNothingGoesThroughSudo() throws Exception {
        apply(play("Pair", "", "done"), null);

        for (FakeSshHost h : pair.both()) {
            assertThat(h.requests()).as(h.name()).isNotEmpty().noneMatch(FakeRequest::viaSudo)
                    .allSatisfy(r -> assertThat(r.rawLine()).doesNotStartWith("sudo"));
        }
    }

    @Test
    void inventoryAnsibleBecomeFalseWinsOverThePlayKeyword() throws Exception {
        apply(play("Pair", "  become: true\n", "done"), false);

        for (FakeSshHost h : pair.both()) {
            assertThat(h.requests()).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).doesNotStartWith("sudo"));
        }
    }

    @Test
    void inventoryAnsibleBecomeTrueWinsOverPlayBecomeFalse() throws Exception {
        apply(play("Pair", "  become: false\n", "done"), true);

        for (FakeSshHost h : pair.both()) {
            assertThat(h.requests()).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).startsWith("sudo -n -- "));
        }
    }

    @Test
    void inventoryAnsibleBecomeWinsOverATasksBecomeKeywordToo() throws Exception {
        // Ansible: variables beat playbook keywords at every level, so a task's `become: false` does not
        // lift an inventory's `ansible_become: true` (nor does a task's `become: true` lift `false`)
        apply(play("Pair", "", "done").replace("      command:", "      become: false\n      command:"), true);
        for (FakeSshHost h : pair.both()) {
            assertThat(touching(h, "done")).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).startsWith("sudo -n -- "));
        }

        apply(play("Pair", "", "again").replace("      command:", "      become: true\n      command:"), false);
        for (FakeSshHost h : pair.both()) {
            assertThat(touching(h, "again")).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).doesNotStartWith("sudo"));
        }
    }

    @Test
    void eachPlayKeepsItsOwnBecomeOnTheSameHost() throws Exception {
        apply(play("Plain", "", "plain") + play("Root", "  become: yes\n", "root"), null);

        for (FakeSshHost h : pair.both()) {
            assertThat(touching(h, "plain")).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).doesNotStartWith("sudo"));
            assertThat(touching(h, "root")).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).startsWith("sudo -n -- "));
        }
    }
}
