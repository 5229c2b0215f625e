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
 * {@code become_user} on a play, a block and a task: the commands run as {@code sudo -n -u USER --}, the
 * nearest setting wins, {@code become_user} without {@code become} changes nothing, and every escalation
 * goes over the host's one SSH connection.
 */
class BecomeUserOverSshTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    private static String task(String file, String keywords) {
        return """
                    - name: Mark %s
                      command:
                        cmd: touch /var/lib/duet/%s
                        creates: /var/lib/duet/%s
                %s""".formatted(file, file, file, keywords);
    }

    private CliRun apply(String playbook) throws Exception {
        Path inventory = pair.inventory(dir, (name, vars) -> vars.put("ansible_user", "deploy"));
        Path file = Files.writeString(dir.resolve("site.yml"), playbook);
        CliRun run = CliRun.of("apply", "-i", inventory.toString(), file.toString());
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    private static List<FakeRequest> touching(FakeSshHost h, String file) {
        return h.requestsMentioning("/var/lib/duet/" + file);
    }

    @Test
    void theNearestBecomeUserWinsAndAllShareOneConnection() throws Exception {
        apply("""
                - hosts: pair
                  gather_facts: false
                  become: true
                  become_user: postgres
                  tasks:
                """
                + task("play", "")
                + task("task", "      become_user: www-data\n")
                + task("root", "      become_user: root\n")
                + task("plain", "      become: false\n")
                + """
                    - block:
                """
                + task("block", "").replace("\n    ", "\n        ").replaceFirst("^    ", "        ")
                + """
                      become_user: backup
                """);

        for (FakeSshHost h : pair.both()) {
            assertThat(touching(h, "play")).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).startsWith("sudo -n -u postgres -- "));
            assertThat(touching(h, "task")).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).startsWith("sudo -n -u www-data -- "));
            assertThat(touching(h, "root")).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.rawLine()).startsWith("sudo -n -- "));
            assertThat(touching(h, "plain")).as(h.name()).isNotEmpty().noneMatch(FakeRequest::viaSudo);
            assertThat(touching(h, "block")).as(h.name()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.sudoUser()).isEqualTo("backup"));
            assertThat(h.sessions()).as(h.name() + ": one connection for every become_user").isEqualTo(1);
        }
    }

    @Test
    void becomeUserWithoutBecomeHasNoEffect() throws Exception {
        apply("- hosts: pair\n  gather_facts: false\n  become_user: postgres\n  tasks:\n" + task("done", ""));

        for (FakeSshHost h : pair.both()) {
            assertThat(touching(h, "done")).as(h.name()).isNotEmpty().noneMatch(FakeRequest::viaSudo);
        }
    }

    @Test
    void aBecomeUserThatIsNotAUserNameIsRefusedAtItsLineBeforeAnyHost() throws Exception {
        Path inventory = pair.inventory(dir);
        Path file = Files.writeString(dir.resolve("site.yml"), "- hosts: pair\n  become: true\n  tasks:\n"
                + task("x", "      become_user: \"postgres; rm -rf /\"\n"));
        CliRun run = CliRun.of("apply", "-i", inventory.toString(), file.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("site.yml:8:20", "become_user", "user name");
        assertThat(pair.node1.sessions() + pair.node2.sessions()).isZero();
    }
}
