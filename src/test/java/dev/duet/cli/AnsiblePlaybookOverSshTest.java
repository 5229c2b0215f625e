package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Ansible user's own playbook, run unchanged over SSH to two embedded hosts: play keywords
 * (gather_facts, vars_files, pre/post_tasks, handlers), task keywords (register, when on the result,
 * loop, changed_when, failed_when, ignore_errors, no_log, args, environment, check_mode: false), a
 * block with rescue and always, import_tasks and a role. The second run changes nothing; plan sends no
 * mutating command.
 */
class AnsiblePlaybookOverSshTest {
    static final String PLAYBOOK = """
            - name: An Ansible user's playbook
              hosts: pair
              gather_facts: false
              vars_files: [vars/main.yml]
              roles:
                - role: marker
              pre_tasks:
                - name: Read the release
                  ansible.builtin.command: cat /etc/release-file
                  register: release
                  changed_when: false
                  check_mode: false
              tasks:
                - name: Write the motd
                  ansible.builtin.copy:
                    dest: /etc/duet/motd
                    content: "{{ greeting }} from {{ inventory_hostname }}\\n"
                  notify: motd changed
                - name: Mark items
                  command: touch /var/lib/duet/{{ item.name }}
                  args:
                    creates: /var/lib/duet/{{ item.name }}
                  loop: "{{ marks }}"
                  loop_control:
                    label: "{{ item.name }}"
                - name: Render the config
                  ansible.builtin.template:
                    src: node.conf.j2
                    dest: /etc/duet/node.conf
                    mode: "0644"
                - name: Look at the config
                  ansible.builtin.stat:
                    path: /etc/duet/node.conf
                  register: conf
                - name: Say what was seen
                  debug:
                    msg: "config exists={{ conf.stat.exists }} release={{ release.stdout_lines | first }}"
                - name: Only on Debian
                  command: touch /var/lib/duet/debian
                  args: {creates: /var/lib/duet/debian}
                  when: "'debian' in release.stdout and release.rc == 0"
                - name: A probe that may fail
                  command: probe-thing
                  register: probe
                  ignore_errors: true
                  changed_when: false
                - name: A secret the log must not show
                  command: show-secret
                  environment: {TOKEN: s3cret}
                  register: secret
                  changed_when: false
                  failed_when: secret.rc not in [0, 3]
                  no_log: true
                - block:
                    - name: Fails on purpose
                      command: fail-now
                      changed_when: false
                  rescue:
                    - name: Rescued
                      command: touch /var/lib/duet/rescued
                      args: {creates: /var/lib/duet/rescued}
                  always:
                    - import_tasks: tasks/always.yml
              post_tasks:
                - name: Post
                  command: touch /var/lib/duet/post
                  args: {creates: /var/lib/duet/post}
              handlers:
                - name: Record the motd change
                  listen: motd changed
                  command: touch /var/lib/duet/handler-ran
                - name: Never notified
                  command: touch /var/lib/duet/never
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(dir.resolve("vars"));
        Files.writeString(dir.resolve("vars/main.yml"), "greeting: hello\nmarks: [{name: a}, {name: b}]\n");
        Files.createDirectories(dir.resolve("tasks"));
        Files.writeString(dir.resolve("tasks/always.yml"), """
                - name: Always
                  command: touch /var/lib/duet/always
                  args: {creates: /var/lib/duet/always}
                """);
        Files.createDirectories(dir.resolve("roles/marker/tasks"));
        Files.createDirectories(dir.resolve("roles/marker/defaults"));
        Files.writeString(dir.resolve("roles/marker/defaults/main.yml"), "role_mark: /var/lib/duet/role\n");
        Files.writeString(dir.resolve("roles/marker/tasks/main.yml"), """
                - name: Role task
                  command: touch {{ role_mark }}
                  args: {creates: "{{ role_mark }}"}
                """);
        Files.createDirectories(dir.resolve("roles/marker/templates"));
        Files.writeString(dir.resolve("node.conf.j2"), """
                # {{ inventory_hostname }}
                {% for m in marks %}
                mark {{ loop.index }} {{ m.name | upper }}
                {% endfor %}
                {% if release.stdout is search('debian') %}
                family debian
                {% else %}
                family other
                {% endif %}
                """);
        Files.writeString(dir.resolve("site.yml"), PLAYBOOK);
        pair.node1.on("cat /etc/release-file", 0, "debian 12\n");
        pair.node2.on("cat /etc/release-file", 0, "other 1\n");
        for (FakeSshHost h : pair.both()) {
            h.on("stat -c '%F", r -> {
                String path = r.argv().get(r.argv().size() - 1);
                return Files.exists(h.path(path)) ? dev.duet.testing.FakeReply.ok("regular file|" + h.mode(path).substring(1)
                        + "|root|root|10\n") : dev.duet.testing.FakeReply.fail(1, "stat: cannot statx: No such file or directory\n");
            });
            h.on("probe-thing", 1, "", "no such thing\n");
            h.on("fail-now", 1, "", "failed as asked\n");
            h.on(line -> line.startsWith("sh -c ") && line.endsWith(" sh show-secret"), r -> dev.duet.testing.FakeReply.exit(
                    r.stdin().equals("TOKEN=s3cret\n") ? 3 : 0, "secret is s3cret\n", ""));
        }
    }

    CliRun duet(String verb, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(verb, "-i", pair.inventory(dir).toString()));
        args.addAll(List.of(more));
        args.add(dir.resolve("site.yml").toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aRolesTaskIsNamedAfterItsRoleAndStartAtTaskFindsItEitherWay() {
        CliRun bare = duet("apply", "--start-at-task", "Role task", "--list-tasks");
        CliRun full = duet("apply", "--start-at-task", "marker : Role*", "--list-tasks");

        for (CliRun run : List.of(bare, full)) {
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out()).contains("    tasks:\n      marker : Role task\t");
        }
        pair.both().forEach(h -> assertThat(h.commands()).as(h.name()).isEmpty());
    }

    @Test
    void runsUnchangedAndTheSecondRunChangesNothing() {
        CliRun first = duet("apply");

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).doesNotContain("Gathering Facts", "s3cret")
                .contains("TASK [Read the release]", "RUNNING HANDLER [Record the motd change]",
                        "(item=a) changed", "(item=b) changed", "...ignoring", "'no_log: true' was specified")
                .doesNotContain("Never notified");
        assertThat(pair.node1.fileText("/etc/duet/motd")).isEqualTo("hello from node1\n");
        assertThat(pair.node1.path("/var/lib/duet/debian")).exists();
        assertThat(pair.node1.fileText("/etc/duet/node.conf")).isEqualTo("# node1\nmark 1 A\nmark 2 B\nfamily debian\n");
        assertThat(pair.node2.fileText("/etc/duet/node.conf")).isEqualTo("# node2\nmark 1 A\nmark 2 B\nfamily other\n");
        assertThat(first.out()).contains("ok: [node1] => config exists=True release=debian 12");
        assertThat(pair.node2.path("/var/lib/duet/debian")).as("when on the registered stdout").doesNotExist();
        for (FakeSshHost h : pair.both()) {
            for (String f : List.of("a", "b", "role", "rescued", "always", "post", "handler-ran")) {
                assertThat(h.path("/var/lib/duet/" + f)).as(h.name() + " " + f).exists();
            }
            assertThat(h.commandsStartingWith("touch /var/lib/duet/handler-ran")).as("handler once").hasSize(1);
            assertThat(first.recap(h.name(), "failed")).isZero();
            assertThat(first.recap(h.name(), "rescued")).isEqualTo(1);
            assertThat(first.recap(h.name(), "ignored")).isEqualTo(1);
        }
        assertThat(first.out().indexOf("TASK [marker : Role task]")).isLessThan(first.out().indexOf("TASK [Write the motd]"));
        assertThat(first.out().indexOf("RUNNING HANDLER")).as("handlers run at the end of the tasks, before post_tasks")
                .isGreaterThan(first.out().indexOf("TASK [Always]")).isLessThan(first.out().indexOf("TASK [Post]"));

        CliRun second = duet("apply");

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).doesNotContain("RUNNING HANDLER");
        for (FakeSshHost h : pair.both()) {
            assertThat(second.recap(h.name(), "changed")).as(second.toString()).isZero();
            assertThat(second.recap(h.name(), "failed")).isZero();
            assertThat(h.commandsStartingWith("touch /var/lib/duet/handler-ran")).hasSize(1);
        }
    }

    @Test
    void planRunsOnlyTheDeclaredReadOnlyCommandAndSaysWhatIsUnknown() {
        CliRun plan = duet("plan");

        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("skipped, no check mode support", "would run `touch /var/lib/duet/debian`",
                "+mark 2 B", "ok: [node2] => config exists=False release=other 1");
        for (FakeSshHost h : pair.both()) {
            assertThat(h.commands()).as(h.name()).allMatch(c -> c.startsWith("test -e ") || c.startsWith("stat -c ")
                    || c.startsWith("stat -c '%F") || c.startsWith("base64 -w 0 -- ")
                    || c.equals("cat /etc/release-file"));
            assertThat(h.commands()).contains("cat /etc/release-file");
            assertThat(h.list("/")).containsExactly("tmp");
        }
        assertThat(plan.out()).contains("skipping: [node2] => conditional result was False");
    }
}
