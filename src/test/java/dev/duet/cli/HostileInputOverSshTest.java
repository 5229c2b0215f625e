package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playbooks built to exhaust memory or the stack, and values of the wrong kind: each is refused with
 * exit 4 at a file and line before any SSH session, never a stack trace or an OutOfMemoryError.
 */
class HostileInputOverSshTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    private CliRun plan(String playbookText, String... extra) throws Exception {
        Path playbook = Files.writeString(dir.resolve("site.yml"), playbookText);
        String[] args = new String[4 + extra.length];
        args[0] = "plan";
        args[1] = "-i";
        args[2] = pair.inventory(dir).toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        args[args.length - 1] = playbook.toString();
        return CliRun.of(args);
    }

    private void assertRefusedBeforeContact(CliRun run, String... messages) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).as(run.toString()).contains(messages).doesNotContain("Exception", "\tat ");
        for (FakeSshHost h : pair.both()) {
            assertThat(h.sessions()).as(h.name() + " was contacted").isZero();
        }
    }

    private static String play(String vars, String task) {
        return "- name: Pair\n  hosts: pair\n  vars:\n" + vars + "  tasks:\n" + task;
    }

    @Test
    void anAliasBombPlaybook() throws Exception {
        StringBuilder vars = new StringBuilder("    a0: &a0 [x, y, z]\n");
        for (int i = 1; i <= 12; i++) {
            String p = "*a" + (i - 1);
            vars.append("    a").append(i).append(": &a").append(i).append(" [").append(p).append(", ").append(p)
                    .append(", ").append(p).append("]\n");
        }
        CliRun run = plan(play(vars.toString(), "    - command: {cmd: 'true'}\n"));

        assertRefusedBeforeContact(run, "site.yml:", "aliases expand to more than");
    }

    @Test
    void twentyThousandParentheses() throws Exception {
        String expr = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        CliRun run = plan(play("    x: 1\n", "    - command:\n        cmd: \"echo {{ " + expr + " }}\"\n"));

        assertRefusedBeforeContact(run, "site.yml:", "nested more than");
    }

    @Test
    void aVariableThatDoublesItself() throws Exception {
        StringBuilder vars = new StringBuilder("    v0: ab\n");
        for (int i = 1; i <= 28; i++) {
            vars.append("    v").append(i).append(": \"{{ v").append(i - 1).append(" }}{{ v").append(i - 1)
                    .append(" }}\"\n");
        }
        CliRun run = plan(play(vars.toString(), "    - command:\n        cmd: \"echo {{ v28 }}\"\n"));

        assertRefusedBeforeContact(run, "site.yml:", "longer than");
    }

    @Test
    void copyContentThatIsAList() throws Exception {
        CliRun run = plan(play("    x: 1\n", "    - copy:\n        dest: /etc/motd\n        content: [a, b]\n"));

        assertRefusedBeforeContact(run, "site.yml:6:", "copy: argument 'content' must be text", "a list");
    }

    @Test
    void copyContentTemplatedToAMapping() throws Exception {
        CliRun run = plan(play("    m: {a: 1}\n", "    - copy:\n        dest: /etc/motd\n        content: \"{{ m }}\"\n"));

        assertRefusedBeforeContact(run, "site.yml:4:", "must be text", "a mapping");
    }

    @Test
    void aBooleanExtraVariableThatIsNotABoolean() throws Exception {
        CliRun run = plan(play("    x: 1\n", """
                    - drbd_metadata:
                        resource: r0
                        disk: /dev/vdb
                        wipe: "{{ drbd_wipe | default(false) }}"
                """), "-e", "drbd_wipe=maybe");

        // the -e is named, with the task that uses it (the value is in no file)
        assertRefusedBeforeContact(run, "extra variable (-e) 'drbd_wipe' is used by task", "site.yml:6:7)",
                "argument 'wipe' must be yes/no or true/false", "got 'maybe'");
    }

    @Test
    void aLiteralBooleanArgumentThatIsNotABoolean() throws Exception {
        CliRun run = plan(play("    x: 1\n", "    - service:\n        name: drbd\n        enabled: sometimes\n"));

        assertRefusedBeforeContact(run, "site.yml:", "argument 'enabled' must be yes/no or true/false");
    }

    @Test
    void aNulByteInACommandArgv() throws Exception {
        CliRun run = plan(play("    x: 1\n", "    - command:\n        argv: [echo, \"a\\0b\"]\n"));

        assertRefusedBeforeContact(run, "site.yml:", "NUL");
    }

    @Test
    void aNulByteReachingACommandThroughAVariable() throws Exception {
        CliRun run = plan(play("    word: \"a\\0b\"\n", "    - command:\n        cmd: \"echo {{ word }}\"\n"));

        assertRefusedBeforeContact(run, "site.yml:4:", "NUL");
    }
}
