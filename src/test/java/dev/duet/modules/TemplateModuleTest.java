package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.playbook.JinjaTemplate;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Progress;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import dev.duet.transport.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateModuleTest {
    @TempDir
    Path dir;
    private final TemplateModule module = new TemplateModule();

    @BeforeEach
    void template() throws Exception {
        Files.writeString(dir.resolve("node.conf.j2"), "# {{ inventory_hostname }}\n{% for m in marks %}\nmark {{ m | upper }}\n{% endfor %}\n");
    }

    private Step bind(Object... args) {
        return module.bind(TestArgs.at(new Args.Location(dir.resolve("site.yml"), 3, 7), "template", args));
    }

    /** A test context that renders templates with Duet's Jinja parser and these variables. */
    private static StepContext rendering(TestContext ctx) {
        return new StepContext() {
            public String hostName() { return ctx.hostName(); }
            public Node node() { return ctx.node(); }
            public Map<String, Node> playNodes() { return ctx.playNodes(); }
            public Map<String, Object> vars() { return ctx.vars(); }
            public boolean checkMode() { return ctx.checkMode(); }
            public void progress(Progress progress) { }
            public void warn(String message) { }
            @Override
            public String renderTemplate(String text, String source) {
                return JinjaTemplate.parse(text).render(vars());
            }
        };
    }

    @Test
    void rendersInTheCheckShowsTheDiffAndWritesWhatItRendered() {
        ScriptedNode node = new ScriptedNode("node1").on("stat -c '%a %U:%G'", 0, "644 root:root\n");
        TestContext test = TestContext.apply(node).var("inventory_hostname", "node1").var("marks", List.of("a", "b"));
        StepContext ctx = rendering(test);
        Step step = bind("src", "node.conf.j2", "dest", "/etc/duet/node.conf", "mode", "0644", "owner", "root");

        Check check = step.check(ctx);
        Done done = step.act(ctx, check);

        assertThat(check.diff()).contains("+mark A", "+mark B");
        assertThat(done.changed()).isTrue();
        assertThat(node.fileText("/etc/duet/node.conf")).isEqualTo("# node1\nmark A\nmark B\n");
        assertThat(step.check(ctx).kind()).as("second run").isEqualTo(Check.Kind.OK);
    }

    @Test
    void planRendersButWritesNothing() {
        ScriptedNode node = new ScriptedNode("node1");
        StepContext ctx = rendering(TestContext.plan(node).var("inventory_hostname", "node1").var("marks", List.of()));

        Check check = bind("src", "node.conf.j2", "dest", "/etc/duet/node.conf", "mode", "0644", "owner", "root").check(ctx);

        assertThat(check.needsChange()).isTrue();
        assertThat(check.diff()).contains("+# node1");
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void aMissingSourceIsAnInputErrorAtTheTask() {
        assertThatThrownBy(() -> bind("src", "nope.j2", "dest", "/etc/x")).isInstanceOf(InputException.class)
                .hasMessageContaining("nope.j2").hasMessageContaining("site.yml:3");
    }
}
