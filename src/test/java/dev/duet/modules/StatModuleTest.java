package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatModuleTest {
    private final StatModule module = new StatModule();

    private Step bind(Object... args) {
        return module.bind(TestArgs.of("stat", args));
    }

    @Test
    void registersWhatStatReadAndIsTheSameInPlanAndApply() {
        ScriptedNode node = new ScriptedNode("node1").on("stat -c", 0, "directory|755|root|adm|4096\n");

        Check plan = TestContext.plan(node).run(bind("path", "/srv/share"));
        Check apply = TestContext.apply(node).run(bind("path", "/srv/share"));

        assertThat(plan).isEqualTo(apply);
        assertThat(plan.kind()).isEqualTo(Check.Kind.OK);
        assertThat(plan.message()).isEqualTo("/srv/share exists");
        assertThat(plan.result()).isEqualTo(Map.of("stat", Map.of("path", "/srv/share", "exists", true, "isreg", false,
                "isdir", true, "islnk", false, "mode", "0755", "pw_name", "root", "gr_name", "adm", "size", 4096L)));
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void followStatsTheLinkTarget() {
        ScriptedNode node = new ScriptedNode("node1").on("stat -L -c", 0, "regular file|644|root|root|12\n");

        Check check = TestContext.apply(node).run(bind("path", "/etc/current", "follow", true));

        assertThat(check.result()).extractingByKey("stat").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("isreg", true).containsEntry("size", 12L);
    }

    @Test
    void noSuchFileIsAbsentButAnyOtherFailureIsUnknown() {
        ScriptedNode missing = new ScriptedNode("node1").on("stat", 1, "", "stat: cannot statx '/x': No such file or directory\n");
        ScriptedNode denied = new ScriptedNode("node1").on("stat", 1, "", "stat: cannot statx '/x': Permission denied\n");

        Check absent = TestContext.apply(missing).run(bind("path", "/x"));

        assertThat(absent.result()).isEqualTo(Map.of("stat", Map.of("path", "/x", "exists", false)));
        assertThatThrownBy(() -> TestContext.apply(denied).run(bind("path", "/x"))).isInstanceOf(DuetException.class)
                .hasMessageContaining("Permission denied");
    }
}
