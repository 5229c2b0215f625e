package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import dev.duet.step.ModuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLoaderTest {
    @TempDir
    Path dir;

    final FakeModule pkg = new FakeModule("package", Set.of("name"), Set.of("state"));
    final FakeModule copy = new FakeModule("copy", Set.of("dest"), Set.of("content", "src", "mode", "owner", "backup"));
    final FakeModule command = new FakeModule("command", Set.of("cmd"), Set.of("creates", "removes"));
    final ModuleRegistry registry = new ModuleRegistry().register(pkg).register(copy).register(command);

    Playbook load(String text) throws IOException {
        Path f = dir.resolve("site.yml");
        Files.writeString(f, text);
        return new PlaybookLoader(registry).load(f);
    }

    InputException failure(String text) throws IOException {
        Path f = dir.resolve("bad.yml");
        Files.writeString(f, text);
        return assertThrows(InputException.class, () -> new PlaybookLoader(registry).load(f));
    }

    @Test
    void loadsAnsibleShapedPlaybook() throws IOException {
        Playbook pb = load("""
                - name: Dual-primary pair
                  hosts: drbd_pair
                  become: yes
                  any_errors_fatal: true
                  vars:
                    resource: r0
                    peers: "{{ groups['drbd_pair'] }}"
                  tasks:
                    - name: Install DRBD tools
                      package: {name: drbd-utils, state: present}
                      tags: [drbd, packages]
                    - name: Say hi
                      command: echo hi
                      when: ansible_os_family == 'Debian' and resource is defined
                      run_once: true
                    - name: Write config
                      copy:
                        dest: /etc/drbd.d/{{ resource }}.res
                        content: "x"
                      run_on: node1
                      when:
                        - a is defined
                        - b
                    - command:
                        cmd: "true"
                        creates: /tmp/x
                """);
        assertThat(pb.plays()).hasSize(1);
        Play play = pb.plays().get(0);
        assertThat(play.name()).isEqualTo("Dual-primary pair");
        assertThat(play.hosts()).isEqualTo("drbd_pair");
        assertThat(play.become()).isTrue();
        assertThat(play.anyErrorsFatal()).isTrue();
        assertThat(play.vars()).containsEntry("resource", "r0");
        assertThat(play.where().line()).isEqualTo(1);
        assertThat(play.tasks()).hasSize(4);

        Task install = play.tasks().get(0);
        assertThat(install.module()).isEqualTo("package");
        assertThat(install.args()).isEqualTo(Map.of("name", "drbd-utils", "state", "present"));
        assertThat(install.tags()).containsExactly("drbd", "packages");
        assertThat(install.where().line()).isEqualTo(9);
        assertThat(install.where().column()).isEqualTo(7);

        Task hi = play.tasks().get(1);
        assertThat(hi.args()).isEqualTo(Map.of("cmd", "echo hi"));
        assertThat(hi.runOnce()).isTrue();
        assertThat(hi.when()).isEqualTo("ansible_os_family == 'Debian' and resource is defined");

        Task write = play.tasks().get(2);
        assertThat(write.runOn()).isEqualTo("node1");
        assertThat(write.when()).isEqualTo("(a is defined) and (b)");
        assertThat(write.args()).containsEntry("dest", "/etc/drbd.d/{{ resource }}.res");

        assertThat(play.tasks().get(3).name()).isEqualTo("command");
        assertThat(pkg.validated).containsExactly(Map.of("name", "drbd-utils", "state", "present"));
    }

    @Test
    void unknownModuleNamesLineColumnAndKnownModules() throws IOException {
        InputException e = failure("""
                - hosts: all
                  tasks:
                    - name: typo
                      copyy: {dest: /x}
                """);
        assertThat(e.getMessage()).startsWith(dir.resolve("bad.yml") + ":4:7: ")
                .contains("unknown module 'copyy'", "did you mean 'copy'", "known: package, copy, command");
    }

    @Test
    void unknownArgumentNamesItsKey() throws IOException {
        InputException e = failure("""
                - hosts: all
                  tasks:
                    - copy:
                        dest: /x
                        contnet: hello
                """);
        assertThat(e.getMessage()).contains("bad.yml:5:9: ", "unknown argument 'contnet' for module 'copy'",
                "did you mean 'content'", "expected: dest, ");
    }

    @Test
    void missingRequiredArgumentPointsAtModule() throws IOException {
        InputException e = failure("""
                - hosts: all
                  tasks:
                    - name: no dest
                      copy: {content: hi}
                """);
        assertThat(e.getMessage()).contains("bad.yml:4:7: ", "missing required argument dest for module 'copy'");
    }

    @Test
    void twoModulesInOneTask() throws IOException {
        InputException e = failure("""
                - hosts: all
                  tasks:
                    - package: {name: x}
                      command: echo
                """);
        assertThat(e.getMessage()).contains("bad.yml:4:7: ", "expected one module per task", "'package' and 'command'");
    }

    @Test
    void unknownTaskKeyword() throws IOException {
        InputException e = failure("""
                - hosts: all
                  tasks:
                    - command: echo
                      regsiter: out
                """);
        assertThat(e.getMessage()).contains("bad.yml:4:7: ", "unknown task keyword 'regsiter'", "known: name, when");
    }

    @Test
    void unknownPlayKeyword() throws IOException {
        InputException e = failure("- hosts: all\n  strategy: free\n  tasks: []\n");
        assertThat(e.getMessage()).contains("bad.yml:2:3: ", "unknown play keyword 'strategy'");
    }

    @Test
    void freeFormOnlyForModulesTakingCmd() throws IOException {
        InputException e = failure("- hosts: all\n  tasks:\n    - copy: dest=/x\n");
        assertThat(e.getMessage()).contains("bad.yml:3:13: ", "arguments of 'copy' as a mapping");
    }

    @Test
    void badWhenSyntaxIsLocatedAtLoadTime() throws IOException {
        InputException e = failure("- hosts: all\n  tasks:\n    - command: echo\n      when: x ==\n");
        assertThat(e.getMessage()).contains("bad.yml:4:13: ", "when:", "expected a value");
    }

    @Test
    void unknownFilterIsLocatedAtLoadTime() throws IOException {
        InputException e = failure("- hosts: all\n  tasks:\n    - command: \"echo {{ x | shout }}\"\n");
        assertThat(e.getMessage()).contains("bad.yml:3:7: ", "unknown filter 'shout'");
    }

    @Test
    void moduleValidateIsCalledWithLocation() throws IOException {
        InputException e = failure("- hosts: all\n  tasks:\n    - package: {name: \"a;b\"}\n");
        assertThat(e.getMessage()).contains("bad.yml:3:7: ", "bad name 'a;b'");
    }

    @Test
    void playWithoutHosts() throws IOException {
        InputException e = failure("- name: p\n  tasks: []\n");
        assertThat(e.getMessage()).contains("bad.yml:1:3: ", "expected 'hosts:' in play 'p'");
    }

    @Test
    void notAList() throws IOException {
        InputException e = failure("hosts: all\n");
        assertThat(e.getMessage()).contains("bad.yml:1:1: ", "expected a playbook: a list of plays");
    }

    @Test
    void becomeMustBeBoolean() throws IOException {
        InputException e = failure("- hosts: all\n  become: maybe\n");
        assertThat(e.getMessage()).contains("bad.yml:2:11: ", "become", "true/false");
    }

    @Test
    void runOnceAndRunOnTogether() throws IOException {
        InputException e = failure("- hosts: all\n  tasks:\n    - command: echo\n      run_once: true\n      run_on: node1\n");
        assertThat(e.getMessage()).contains("bad.yml:5:7: ", "either run_once or run_on");
    }
}
