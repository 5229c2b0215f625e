package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.ShellWords;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandModuleTest {
    private final CommandModule module = new CommandModule();

    private Step bind(Object... args) {
        return module.bind(TestArgs.of("command", args));
    }

    @Test
    void runsTheSplitCommandWithoutAShell() {
        ScriptedNode node = new ScriptedNode("node1").on("mkfs.ocfs2", 0, "");

        TestContext ctx = TestContext.of(node);
        Check check = ctx.run(bind("cmd", "mkfs.ocfs2 -N 2 -L 'shared data' /dev/drbd0"));

        assertThat(check.needsChange()).isTrue();
        assertThat(check.message()).isEqualTo("would run `mkfs.ocfs2 -N 2 -L 'shared data' /dev/drbd0`");
        assertThat(ctx.done()).isEqualTo(Done.changed("ran `mkfs.ocfs2 -N 2 -L 'shared data' /dev/drbd0`")
                .withResult(java.util.Map.of("rc", 0, "stdout", "", "stderr", "")));
        assertThat(node.mutatingCommands()).extracting(Command::argv)
                .containsExactly(List.of("mkfs.ocfs2", "-N", "2", "-L", "shared data", "/dev/drbd0"));
    }

    @Test
    void argvListIsRunAsGiven() {
        ScriptedNode node = new ScriptedNode("node1").on("echo", 0, "");

        TestContext.of(node).run(bind("argv", List.of("echo", "a b", "$HOME")));

        assertThat(node.mutatingCommands()).extracting(Command::argv).containsExactly(List.of("echo", "a b", "$HOME"));
    }

    @Test
    void createsThatExistsMeansNoRun() {
        ScriptedNode node = new ScriptedNode("node1").on("test -e /etc/done", 0, "");

        Check check = TestContext.of(node).run(bind("cmd", "touch /etc/done", "creates", "/etc/done"));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(check.message()).isEqualTo("skipped, since /etc/done exists");
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void createsThatIsMissingRuns() {
        ScriptedNode node = new ScriptedNode("node1").on("test -e /etc/done", 1, "").on("touch", 0, "");

        TestContext.of(node).run(bind("cmd", "touch /etc/done", "creates", "/etc/done"));

        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly("touch /etc/done");
    }

    @Test
    void removesThatIsMissingMeansNoRunAndPresentRuns() {
        ScriptedNode gone = new ScriptedNode("node1").on("test -e /tmp/x", 1, "");
        assertThat(TestContext.of(gone).run(bind("cmd", "rm /tmp/x", "removes", "/tmp/x")).kind())
                .isEqualTo(Check.Kind.OK);
        assertThat(gone.mutatingCommands()).isEmpty();

        ScriptedNode there = new ScriptedNode("node1").on("test -e /tmp/x", 0, "").on("rm", 0, "");
        assertThat(TestContext.of(there).run(bind("cmd", "rm /tmp/x", "removes", "/tmp/x")).needsChange()).isTrue();
        assertThat(there.mutatingCommands()).extracting(Command::line).containsExactly("rm /tmp/x");
    }

    @Test
    void aFailingCommandNamesNodeCommandExitAndStderr() {
        ScriptedNode node = new ScriptedNode("node2").on("mount", 32, "", "mount: /srv: unknown filesystem type 'ocfs2'.");

        assertThatThrownBy(() -> TestContext.of(node).run(bind("cmd", "mount -t ocfs2 /dev/drbd0 /srv")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("node2")
                .hasMessageContaining("mount -t ocfs2 /dev/drbd0 /srv")
                .hasMessageContaining("exited 32")
                .hasMessageContaining("unknown filesystem type");
    }

    @Test
    void checkModeSaysWouldRunAndActIsRefused() {
        ScriptedNode node = new ScriptedNode("node1").on("test -e /etc/done", 1, "").on("touch", 0, "");
        TestContext ctx = TestContext.of(node).checkMode(true);
        Step step = bind("cmd", "touch /etc/done", "creates", "/etc/done");

        Check check = ctx.run(step);

        assertThat(check.message()).isEqualTo("would run `touch /etc/done`");
        assertThatThrownBy(() -> step.act(ctx, check)).isInstanceOf(DuetException.class)
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.CHECK_MODE_VIOLATION);
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void checkModeWithCreatesSatisfiedIsOk() {
        ScriptedNode node = new ScriptedNode("node1").on("test -e /etc/done", 0, "");

        Check check = TestContext.of(node).checkMode(true).run(bind("cmd", "touch /etc/done", "creates", "/etc/done"));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void badArgumentsAreInputErrors() {
        assertThatThrownBy(() -> bind()).isInstanceOf(InputException.class)
                .hasMessageContaining("site.yml:7:5").hasMessageContaining("exactly one of 'cmd' and 'argv'");
        assertThatThrownBy(() -> bind("cmd", "a", "argv", List.of("a"))).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> bind("cmd", "   ")).isInstanceOf(InputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> bind("cmd", "echo 'oops")).isInstanceOf(InputException.class)
                .hasMessageContaining("unterminated single quote");
        assertThatThrownBy(() -> bind("cmd", "true", "creates", "relative/path")).isInstanceOf(InputException.class)
                .hasMessageContaining("'creates'");
        assertThatThrownBy(() -> bind("cmd", "true", "removes", "/tmp/$(reboot)")).isInstanceOf(InputException.class)
                .hasMessageContaining("'removes'");
    }

    @Test
    void wordsAreSplitLikeAShellWithoutExpansion() {
        assertThat(ShellWords.split("  a  'b c' \"d \\\"e\\\" $f\" g\\ h 'i'j \"\" ")).containsExactly(
                "a", "b c", "d \"e\" $f", "g h", "ij", "");
        assertThat(ShellWords.split("echo a|b > c")).containsExactly("echo", "a|b", ">", "c");
        assertThat(ShellWords.split("\"a\\nb\"")).containsExactly("a\\nb");
        assertThatThrownBy(() -> ShellWords.split("a \"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShellWords.split("a\\")).isInstanceOf(IllegalArgumentException.class);
    }
}
