package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import dev.duet.modules.GenericModules;
import dev.duet.playbook.TaskKeywords.Section;
import dev.duet.step.ModuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Play keywords, blocks, imports and roles as the loader reads them, and what it refuses (file:line). */
class PlaybookStructureTest {
    @TempDir
    Path dir;

    final ModuleRegistry registry = GenericModules.registerAll(new ModuleRegistry());

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    Playbook load(String text) throws IOException {
        return new PlaybookLoader(registry).load(write("site.yml", text));
    }

    InputException failure(String text) throws IOException {
        Path f = write("bad.yml", text);
        return assertThrows(InputException.class, () -> new PlaybookLoader(registry).load(f));
    }

    @Test
    void playKeywordsGatherFactsVarsFilesPrePostTasksAndHandlers() throws IOException {
        write("vars/common.yml", "port: 7789\nname: from-file\n");
        Play play = load("""
                - hosts: all
                  gather_facts: false
                  vars: {name: from-vars, kept: yes}
                  vars_files: [vars/common.yml]
                  pre_tasks:
                    - command: echo pre
                  tasks:
                    - name: write
                      copy: {dest: /etc/x, content: x}
                      notify: [restart x, config changed]
                  post_tasks:
                    - command: echo post
                  handlers:
                    - name: restart x
                      service: {name: x, state: restarted}
                    - name: reload y
                      service: {name: y, state: reloaded}
                      listen: config changed
                """).plays().get(0);

        assertThat(play.gatherFacts()).isFalse();
        assertThat(play.vars()).containsEntry("name", "from-file").containsEntry("port", 7789).containsEntry("kept", true);
        assertThat(play.varOrigins().get("port").file().toString()).endsWith("common.yml");
        assertThat(play.tasks()).extracting(Task::name).containsExactly("command", "write", "command");
        assertThat(play.partEnds()).containsExactly(1, 2, 3);
        assertThat(play.tasks().get(1).keywords().notifies()).containsExactly("restart x", "config changed");
        assertThat(play.handlers()).extracting(Task::name).containsExactly("restart x", "reload y");
        assertThat(play.handlers().get(1).keywords().listen()).containsExactly("config changed");
    }

    @Test
    void gatherFactsDefaultsToTrue() throws IOException {
        assertThat(load("- hosts: all\n  tasks: []\n").plays().get(0).gatherFacts()).isTrue();
    }

    @Test
    void taskKeywordsAreRead() throws IOException {
        Task t = load("""
                - hosts: all
                  tasks:
                    - name: probe
                      ansible.builtin.command: cat /proc/drbd
                      register: drbd
                      changed_when: false
                      failed_when: drbd.rc not in [0, 1]
                      check_mode: false
                      ignore_errors: true
                      no_log: true
                      become: false
                      become_user: root
                      environment: {LC_ALL: C}
                      args: {creates: /etc/never}
                      loop: "{{ things }}"
                      loop_control: {label: "{{ item.name }}", loop_var: thing}
                """).plays().get(0).tasks().get(0);
        TaskKeywords kw = t.keywords();

        assertThat(t.module()).isEqualTo("command");
        assertThat(t.args()).containsEntry("cmd", "cat /proc/drbd").containsEntry("creates", "/etc/never")
                .containsEntry("environment", Map.of("LC_ALL", "C"));
        assertThat(kw.register()).isEqualTo("drbd");
        assertThat(kw.changedWhen()).isEqualTo("false");
        assertThat(kw.failedWhen()).isEqualTo("drbd.rc not in [0, 1]");
        assertThat(kw.checkMode()).isFalse();
        assertThat(kw.ignoreErrors()).isTrue();
        assertThat(kw.noLog()).isTrue();
        assertThat(kw.become()).isFalse();
        assertThat(kw.becomeUser()).isEqualTo("root");
        assertThat(kw.loop()).isEqualTo("{{ things }}");
        assertThat(kw.loopVar()).isEqualTo("thing");
        assertThat(kw.loopLabel()).isEqualTo("{{ item.name }}");
    }

    @Test
    void withItemsIsALoop() throws IOException {
        Task t = load("- hosts: all\n  tasks:\n    - command: echo {{ item }}\n      with_items: [a, b]\n")
                .plays().get(0).tasks().get(0);
        assertThat(t.keywords().loop()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void blocksAreFlattenedWithTheirPartsAndPassDownWhenTagsAndBecome() throws IOException {
        List<Task> tasks = load("""
                - hosts: all
                  tasks:
                    - name: outer
                      when: x is defined
                      tags: [t]
                      become: true
                      block:
                        - command: echo 1
                          when: y is defined
                        - block:
                            - command: echo 2
                          always:
                            - command: echo 3
                      rescue:
                        - command: echo 4
                      always:
                        - command: echo 5
                """).plays().get(0).tasks();

        assertThat(tasks).extracting(t -> t.args().get("cmd")).containsExactly("echo 1", "echo 2", "echo 3", "echo 4", "echo 5");
        assertThat(tasks.get(0).when()).isEqualTo("(x is defined) and (y is defined)");
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.tags()).contains("t");
            assertThat(t.keywords().become()).isTrue();
        });
        assertThat(tasks.get(2).keywords().blocks()).extracting(TaskKeywords.BlockFrame::section)
                .containsExactly(Section.BLOCK, Section.ALWAYS);
        assertThat(tasks.get(3).keywords().blocks()).extracting(TaskKeywords.BlockFrame::section).containsExactly(Section.RESCUE);
        assertThat(tasks.get(4).keywords().blocks()).singleElement().satisfies(f -> {
            assertThat(f.section()).isEqualTo(Section.ALWAYS);
            assertThat(f.hasRescue()).isTrue();
        });
    }

    @Test
    void importTasksAndIncludeTasksAreReadInPlaceRelativeToTheFile() throws IOException {
        write("tasks/a.yml", "- command: echo a\n- import_tasks: b.yml\n  tags: [bee]\n");
        write("tasks/b.yml", "- command: echo b\n");
        List<Task> tasks = load("""
                - hosts: all
                  tasks:
                    - ansible.builtin.include_tasks: tasks/a.yml
                      when: go
                """).plays().get(0).tasks();

        assertThat(tasks).extracting(t -> t.args().get("cmd")).containsExactly("echo a", "echo b");
        assertThat(tasks).allSatisfy(t -> assertThat(t.when()).isEqualTo("go"));
        assertThat(tasks.get(1).tags()).containsExactly("bee");
        assertThat(tasks.get(1).where().file().toString()).endsWith("b.yml");
    }

    @Test
    void importPlaybookAddsItsPlays() throws IOException {
        write("other.yml", "- name: second\n  hosts: all\n  tasks: []\n");
        Playbook pb = load("- name: first\n  hosts: all\n  tasks: []\n- import_playbook: other.yml\n");
        assertThat(pb.plays()).extracting(Play::name).containsExactly("first", "second");
    }

    @Test
    void rolesInTheStandardLayout() throws IOException {
        write("roles/web/defaults/main.yml", "port: 80\nmotd: default\n");
        write("roles/web/vars/main.yml", "motd: role-vars\n");
        write("roles/web/tasks/main.yml", "- copy: {dest: /etc/motd, content: '{{ motd }}', src: motd.txt}\n  notify: restart web\n");
        write("roles/web/handlers/main.yml", "- name: restart web\n  service: {name: web, state: restarted}\n");
        Play play = load("""
                - hosts: all
                  vars: {motd: play}
                  roles:
                    - web
                  tasks:
                    - command: echo after
                """).plays().get(0);

        assertThat(play.roleDefaults()).containsEntry("port", 80);
        assertThat(play.vars()).containsEntry("motd", "role-vars");
        assertThat(play.tasks()).extracting(Task::module).containsExactly("copy", "command");
        // Ansible prints a role's task as "ROLE : NAME"; a task without a name is named after its module
        assertThat(play.tasks()).extracting(Task::name).containsExactly("web : copy", "command");
        assertThat(play.tasks().get(0).where().file().toString()).endsWith("roles/web/tasks/main.yml");
        assertThat(play.handlers()).extracting(Task::name).containsExactly("restart web");
    }

    @Test
    void refusalsNameTheLine() throws IOException {
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      delegate_to: node1\n      delegate_facts: true\n").getMessage())
                .contains("bad.yml:5:7: ", "delegate_facts is not supported");
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      run_on: node1\n      delegate_to: node2\n").getMessage())
                .contains("bad.yml:5:7: ", "either run_on or delegate_to");
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      become_user: 'pg sql'\n").getMessage())
                .contains("bad.yml:4:20: ", "expected become_user to be a user name", "'pg sql'");
        assertThat(failure("- hosts: all\n  become_user: '{{ who }}'\n  tasks: []\n").getMessage())
                .contains("bad.yml:2:16: ", "become_user may not be a template");
        assertThat(failure("- hosts: all\n  tasks:\n    - block: []\n      become_user: '-u'\n").getMessage())
                .contains("bad.yml:4:20: ", "expected become_user to be a user name");
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      become_method: su\n").getMessage())
                .contains("bad.yml:4:7: ", "unknown task keyword 'become_method'");
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      async: 60\n").getMessage())
                .contains("bad.yml:4:7: ", "unknown task keyword 'async'");
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      until: false\n").getMessage())
                .contains("bad.yml:4:7: ", "unknown task keyword 'until'");
        assertThat(failure("- hosts: all\n  serial: 1\n  max_fail_percentage: 30\n  tasks: []\n").getMessage())
                .contains("bad.yml:3:3: ", "max_fail_percentage is not supported");
        assertThat(failure("- hosts: all\n  serial: [1, half]\n  tasks: []\n").getMessage())
                .contains("bad.yml:2:15: ", "expected serial to be a number, a percentage");
        assertThat(failure("- hosts: all\n  tasks:\n    - copy: {dest: /x, content: y}\n      check_mode: false\n").getMessage())
                .contains("bad.yml:4:7: ", "check_mode: false would run 'copy'");
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      check_mode: false\n").getMessage())
                .as("a command is read-only only when the user says changed_when: false").contains("bad.yml:4:7: ");
        assertThat(failure("- hosts: all\n  tasks:\n    - meta: end_play\n").getMessage())
                .contains("bad.yml:3:7: ", "only flush_handlers");
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      notify: nobody\n").getMessage())
                .contains("bad.yml:3:7: ", "notifies 'nobody'");
        assertThat(failure("- hosts: all\n  tasks:\n    - command: echo\n      listen: x\n").getMessage())
                .contains("bad.yml:4:7: ", "listen is a handler keyword");
        assertThat(failure("- hosts: all\n  tasks:\n    - include_tasks: '{{ f }}.yml'\n").getMessage())
                .contains("bad.yml:3:22: ", "static");
        assertThat(failure("- hosts: all\n  tasks:\n    - import_tasks: missing.yml\n").getMessage())
                .contains("bad.yml:3:21: ", "task file not found");
        assertThat(failure("- hosts: all\n  roles: [nope]\n").getMessage())
                .contains("bad.yml:2:11: ", "role 'nope' not found");
        assertThat(failure("- hosts: all\n  tasks:\n    - block: []\n      retries: 3\n").getMessage())
                .contains("bad.yml:4:7: ", "unknown block keyword 'retries'");
        assertThat(failure("- hosts: all\n  tasks:\n    - copy: {dest: /x, content: y}\n      environment: {A: b}\n").getMessage())
                .contains("bad.yml:4:7: ", "environment is supported on command and shell");
    }

    @Test
    void anIncludeThatIncludesItselfIsRefused() throws IOException {
        write("loop.yml", "- import_tasks: loop.yml\n");
        assertThat(failure("- hosts: all\n  tasks:\n    - import_tasks: loop.yml\n").getMessage()).contains("includes itself");
    }
}
