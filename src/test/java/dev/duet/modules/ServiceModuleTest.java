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
import org.junit.jupiter.api.Test;

class ServiceModuleTest {
    private final ServiceModule module = new ServiceModule();

    private Step bind(Object... args) {
        return module.bind(TestArgs.of("service", args));
    }

    private static ScriptedNode o2cb(boolean enabled, boolean active) {
        return new ScriptedNode("node1")
                .on("systemctl is-enabled o2cb", enabled ? 0 : 1, enabled ? "enabled\n" : "disabled\n")
                .on("systemctl is-active o2cb", active ? 0 : 3, active ? "active\n" : "inactive\n")
                .on("systemctl enable", 0, "").on("systemctl disable", 0, "")
                .on("systemctl start", 0, "").on("systemctl stop", 0, "")
                .on("systemctl restart", 0, "").on("systemctl reload", 0, "");
    }

    private static Iterable<String> mutating(ScriptedNode node) {
        return node.mutatingCommands().stream().map(Command::line).toList();
    }

    @Test
    void enablesThenStarts() {
        ScriptedNode node = o2cb(false, false);

        TestContext ctx = TestContext.of(node);
        Check check = ctx.run(bind("name", "o2cb", "enabled", "yes", "state", "started"));

        assertThat(check.message()).isEqualTo("would enable, start o2cb");
        assertThat(ctx.done()).isEqualTo(Done.changed("enabled, started o2cb"));
        assertThat(mutating(node)).containsExactly("systemctl enable o2cb", "systemctl start o2cb");
    }

    @Test
    void enabledAndRunningMeansNoAct() {
        ScriptedNode node = o2cb(true, true);

        Check check = TestContext.of(node).run(bind("name", "o2cb", "enabled", true, "state", "started"));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(check.message()).isEqualTo("o2cb is enabled and started");
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void stopsAndDisables() {
        ScriptedNode node = o2cb(true, true);

        TestContext ctx = TestContext.of(node);
        ctx.run(bind("name", "o2cb", "enabled", "no", "state", "stopped"));

        assertThat(mutating(node)).containsExactly("systemctl disable o2cb", "systemctl stop o2cb");
        assertThat(ctx.done()).isEqualTo(Done.changed("disabled, stopped o2cb"));
    }

    @Test
    void stoppedUnitStaysAlone() {
        ScriptedNode node = o2cb(false, false);

        assertThat(TestContext.of(node).run(bind("name", "o2cb", "state", "stopped")).kind()).isEqualTo(Check.Kind.OK);
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void restartedAlwaysChanges() {
        ScriptedNode node = o2cb(true, true);

        Check check = TestContext.of(node).run(bind("name", "o2cb", "state", "restarted"));

        assertThat(check.needsChange()).isTrue();
        assertThat(mutating(node)).containsExactly("systemctl restart o2cb");
    }

    @Test
    void reloadedReloadsARunningUnitAndStartsAStoppedOne() {
        ScriptedNode running = o2cb(true, true);
        TestContext ctx = TestContext.of(running);
        ctx.run(bind("name", "o2cb", "state", "reloaded"));
        assertThat(mutating(running)).containsExactly("systemctl reload o2cb");
        assertThat(ctx.done()).isEqualTo(Done.changed("reloaded o2cb"));

        ScriptedNode stopped = o2cb(true, false);
        TestContext.of(stopped).run(bind("name", "o2cb", "state", "reloaded"));
        assertThat(mutating(stopped)).containsExactly("systemctl start o2cb");
    }

    @Test
    void checkModeReportsAndActIsRefused() {
        ScriptedNode node = o2cb(false, false);
        TestContext ctx = TestContext.of(node).checkMode(true);
        Step step = bind("name", "o2cb", "enabled", "yes", "state", "restarted");

        Check check = ctx.run(step);

        assertThat(check.message()).isEqualTo("would enable, restart o2cb");
        assertThatThrownBy(() -> step.act(ctx, check)).isInstanceOf(DuetException.class)
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.CHECK_MODE_VIOLATION);
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void aUnitNotInstalledYetWouldBeEnabledAndFailsOnAct() {
        ScriptedNode node = new ScriptedNode("node2")
                .on("systemctl is-enabled drbd", 1, "", "Failed to get unit file state for drbd.service: No such file or directory")
                .on("systemctl enable drbd", 1, "", "Failed to enable unit: Unit file drbd.service does not exist.");
        Step step = bind("name", "drbd", "enabled", "yes");

        assertThat(step.check(TestContext.of(node).checkMode(true)).message()).isEqualTo("would enable drbd");
        assertThatThrownBy(() -> TestContext.of(node).run(step)).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("node2").hasMessageContaining("systemctl enable drbd")
                .hasMessageContaining("exited 1").hasMessageContaining("does not exist");
    }

    @Test
    void templatedUnitNamesAreAccepted() {
        ScriptedNode node = new ScriptedNode("node1").on("systemctl is-active getty@tty1.service", 0, "active");

        assertThat(TestContext.of(node).run(bind("name", "getty@tty1.service", "state", "started")).kind())
                .isEqualTo(Check.Kind.OK);
    }

    @Test
    void badArgumentsAreInputErrors() {
        assertThatThrownBy(() -> bind("name", "o2cb")).isInstanceOf(InputException.class)
                .hasMessageContaining("site.yml:7:5").hasMessageContaining("'enabled'");
        assertThatThrownBy(() -> bind("name", "o2cb; reboot", "state", "started")).isInstanceOf(InputException.class)
                .hasMessageContaining("'name'");
        assertThatThrownBy(() -> bind("name", "o2cb", "state", "running")).isInstanceOf(InputException.class)
                .hasMessageContaining("'state'");
        assertThatThrownBy(() -> bind("name", "o2cb", "enabled", "maybe")).isInstanceOf(InputException.class)
                .hasMessageContaining("'enabled'");
    }
}
