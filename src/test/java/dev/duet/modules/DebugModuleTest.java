package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebugModuleTest {
    private final DebugModule module = new DebugModule();
    private final ScriptedNode node = new ScriptedNode("node1");

    private Step bind(Object... args) {
        return module.bind(TestArgs.of("debug", args));
    }

    @Test
    void msgIsShownAndRegisteredWithoutTouchingTheHost() {
        Check check = TestContext.plan(node).run(bind("msg", "hello node1"));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(check.message()).isEqualTo("hello node1");
        assertThat(check.result()).isEqualTo(Map.of("msg", "hello node1"));
        assertThat(node.commands()).isEmpty();
    }

    @Test
    void withoutArgumentsItSaysHelloWorldAsAnsibleDoes() {
        assertThat(TestContext.apply(node).run(bind()).message()).isEqualTo("Hello world!");
    }

    @Test
    void varShowsTheVariableAsJsonOrSaysItIsNotDefined() {
        TestContext ctx = TestContext.apply(node).var("marks", List.of("a", "b"))
                .var("facts", Map.of("nodename", "node1")).var("name", "r0").var("count", 2);

        assertThat(ctx.run(bind("var", "marks")).message()).isEqualTo("{\"marks\":[\"a\",\"b\"]}");
        assertThat(ctx.run(bind("var", "facts")).message()).isEqualTo("{\"facts\":{\"nodename\":\"node1\"}}");
        assertThat(ctx.run(bind("var", "name")).message()).isEqualTo("{\"name\":\"r0\"}");
        assertThat(ctx.run(bind("var", "count")).message()).isEqualTo("{\"count\":2}");
        assertThat(ctx.run(bind("var", "nope")).message()).isEqualTo("{\"nope\":\"VARIABLE IS NOT DEFINED!\"}");
    }

    @Test
    void aMsgThatIsNotAStringIsShownAsJson() {
        TestContext ctx = TestContext.apply(node);

        assertThat(ctx.run(bind("msg", List.of("a", Map.of("k", true)))).message()).isEqualTo("[\"a\",{\"k\":true}]");
    }

    @Test
    void msgAndVarTogetherAreRefused() {
        assertThatThrownBy(() -> bind("msg", "x", "var", "y")).isInstanceOf(InputException.class)
                .hasMessageContaining("mutually exclusive");
    }
}
