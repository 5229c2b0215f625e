package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LineInFileModuleTest {
    private static final String HOSTS = "127.0.0.1\tlocalhost\n10.0.0.1\tnode1\n192.168.100.2\tnode2 old\n";
    private static final String STAT = "stat -c '%a %U:%G' /etc/hosts";

    private final Module module =
            LineInFileStep.module(Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC));

    private Step bind(Object... args) {
        return module.bind(TestArgs.of("lineinfile", args));
    }

    private static ScriptedNode hosts(String text) {
        return new ScriptedNode("node1").file("/etc/hosts", text).on(STAT, 0, "644 root:root\n").on("cp -p", 0, "");
    }

    @Test
    void replacesTheLastMatchingLine() {
        ScriptedNode node = hosts(HOSTS + "192.168.100.2\tnode2 older\n");

        TestContext ctx = TestContext.of(node);
        Check check = ctx.run(bind("path", "/etc/hosts", "regexp", "\\snode2(\\s|$)",
                "line", "192.168.100.2\tnode2"));

        assertThat(check.diff()).contains("-192.168.100.2\tnode2 older").contains("+192.168.100.2\tnode2");
        assertThat(ctx.done()).isEqualTo(Done.changed("updated /etc/hosts", check.diff()));
        assertThat(node.fileText("/etc/hosts")).isEqualTo(HOSTS + "192.168.100.2\tnode2\n");
        assertThat(node.writes()).containsExactly("/etc/hosts");
    }

    @Test
    void appendsWhenNothingMatches() {
        ScriptedNode node = hosts("127.0.0.1 localhost");

        TestContext.of(node).run(bind("path", "/etc/hosts", "regexp", "node3", "line", "10.0.0.3 node3"));

        assertThat(node.fileText("/etc/hosts")).isEqualTo("127.0.0.1 localhost\n10.0.0.3 node3\n");
    }

    @Test
    void lineAlreadyPresentMeansNoWrite() {
        ScriptedNode node = hosts(HOSTS);

        Check check = TestContext.of(node).run(bind("path", "/etc/hosts", "line", "10.0.0.1\tnode1", "backup", "yes"));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void matchingLineAlreadyAsWantedMeansNoWrite() {
        ScriptedNode node = hosts(HOSTS);

        Check check = TestContext.of(node).run(bind("path", "/etc/hosts", "regexp", "^10\\.0\\.0\\.1\\s",
                "line", "10.0.0.1\tnode1"));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void absentRemovesEveryMatchingLine() {
        ScriptedNode node = hosts(HOSTS + "192.168.100.2\tnode2\n");

        TestContext.of(node).run(bind("path", "/etc/hosts", "regexp", "node2", "state", "absent"));

        assertThat(node.fileText("/etc/hosts")).isEqualTo("127.0.0.1\tlocalhost\n10.0.0.1\tnode1\n");
    }

    @Test
    void absentFromAMissingFileIsOk() {
        ScriptedNode node = new ScriptedNode("node1");

        assertThat(TestContext.of(node).run(bind("path", "/etc/hosts", "line", "x", "state", "absent")).kind())
                .isEqualTo(Check.Kind.OK);
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void missingFileFailsUnlessCreateIsSet() {
        ScriptedNode missing = new ScriptedNode("node2");
        assertThatThrownBy(() -> TestContext.of(missing).run(bind("path", "/etc/fstab", "line", "x")))
                .isInstanceOf(DuetException.class).hasMessageContaining("node2").hasMessageContaining("/etc/fstab")
                .hasMessageContaining("create");

        ScriptedNode created = new ScriptedNode("node2");
        TestContext.of(created).run(bind("path", "/etc/fstab", "line", "/dev/drbd0 /srv ocfs2 _netdev 0 0",
                "create", "yes"));
        assertThat(created.fileText("/etc/fstab")).isEqualTo("/dev/drbd0 /srv ocfs2 _netdev 0 0\n");
    }

    @Test
    void keepsTheFileModeAndBacksUpWhenAsked() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/hosts", HOSTS)
                .on(STAT, 0, "600 root:adm\n").on("cp -p", 0, "");
        CopyModuleTest.WriteRecorder recorder = new CopyModuleTest.WriteRecorder(node);

        TestContext.of(recorder).run(bind("path", "/etc/hosts", "line", "10.0.0.9 node9", "backup", true));

        assertThat(recorder.writes).containsExactly(new CopyModuleTest.Write("/etc/hosts", "0600", "root:adm"));
        assertThat(node.mutatingCommands()).extracting(Command::argv)
                .containsExactly(List.of("cp", "-p", "--", "/etc/hosts", "/etc/hosts.2024-01-02@03:04:05~"));
    }

    @Test
    void checkModeShowsTheDiffAndActIsRefused() {
        ScriptedNode node = hosts(HOSTS);
        TestContext ctx = TestContext.of(node).checkMode(true);
        Step step = bind("path", "/etc/hosts", "regexp", "node2", "line", "192.168.100.2\tnode2");

        Check check = ctx.run(step);

        assertThat(check.needsChange()).isTrue();
        assertThat(check.diff()).contains("-192.168.100.2\tnode2 old").contains("+192.168.100.2\tnode2");
        assertThatThrownBy(() -> step.act(ctx, check)).isInstanceOf(DuetException.class)
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.CHECK_MODE_VIOLATION);
        assertThat(node.writes()).isEmpty();
        assertThat(node.fileText("/etc/hosts")).isEqualTo(HOSTS);
    }

    @Test
    void editsTextLikeAnsible() {
        LineEdit add = new LineEdit("c", null, true, null);
        assertThat(add.apply("")).isEqualTo("c\n");
        assertThat(add.apply("a\nb")).isEqualTo("a\nb\nc\n");
        assertThat(add.apply("a\nc\nb\n")).isEqualTo("a\nc\nb\n");

        LineEdit after = new LineEdit("x", null, true, Pattern.compile("^a"));
        assertThat(after.apply("a1\nb\na2\nc\n")).isEqualTo("a1\nb\na2\nx\nc\n");
        assertThat(after.apply("b\n")).as("no insertafter match: end of file").isEqualTo("b\nx\n");

        LineEdit replace = new LineEdit("k=2", Pattern.compile("^k="), true, null);
        assertThat(replace.apply("k=0\nj=1\nk=1\n")).isEqualTo("k=0\nj=1\nk=2\n");
        assertThat(replace.apply("j=1\nk=2")).as("unchanged text keeps its missing final newline").isEqualTo("j=1\nk=2");

        LineEdit remove = new LineEdit("b", null, false, null);
        assertThat(remove.apply("a\nb\nbb\nb\n")).isEqualTo("a\nbb\n");
        assertThat(remove.apply("b\n")).isEqualTo("");
    }

    @Test
    void badArgumentsAreInputErrors() {
        assertThatThrownBy(() -> bind("path", "hosts", "line", "x")).isInstanceOf(InputException.class)
                .hasMessageContaining("site.yml:7:5").hasMessageContaining("'path'");
        assertThatThrownBy(() -> bind("path", "/etc/hosts")).isInstanceOf(InputException.class)
                .hasMessageContaining("'line'");
        assertThatThrownBy(() -> bind("path", "/etc/hosts", "state", "absent")).isInstanceOf(InputException.class)
                .hasMessageContaining("'regexp'");
        assertThatThrownBy(() -> bind("path", "/etc/hosts", "line", "x", "regexp", "(")).isInstanceOf(InputException.class)
                .hasMessageContaining("'regexp'").hasMessageContaining("regular expression");
        assertThatThrownBy(() -> bind("path", "/etc/hosts", "line", "a\nb")).isInstanceOf(InputException.class)
                .hasMessageContaining("single line");
        assertThatThrownBy(() -> bind("path", "/etc/hosts", "line", "x", "create", "perhaps"))
                .isInstanceOf(InputException.class).hasMessageContaining("'create'");
    }
}
