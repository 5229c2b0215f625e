package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhenTest {
    final Map<String, Object> vars = new HashMap<>(Map.of(
            "os", "Debian", "count", 2, "yes_flag", true, "no_flag", false, "empty", "",
            "roles", List.of("a", "b"), "node", Map.of("role", "primary")));

    boolean eval(String expr) {
        return When.evaluate(expr, vars);
    }

    @Test
    void namesAndNegation() {
        assertThat(eval("yes_flag")).isTrue();
        assertThat(eval("no_flag")).isFalse();
        assertThat(eval("not no_flag")).isTrue();
        assertThat(eval("empty")).isFalse();
        assertThat(eval("true")).isTrue();
        assertThat(eval("false")).isFalse();
    }

    @Test
    void definedTests() {
        assertThat(eval("os is defined")).isTrue();
        assertThat(eval("missing is defined")).isFalse();
        assertThat(eval("missing is not defined")).isTrue();
        assertThat(eval("node.role is defined")).isTrue();
        assertThat(eval("node.other is undefined")).isTrue();
    }

    @Test
    void comparisonsAndMembership() {
        assertThat(eval("os == 'Debian'")).isTrue();
        assertThat(eval("os != 'Debian'")).isFalse();
        assertThat(eval("count != 1")).isTrue();
        assertThat(eval("count == 2.0")).isTrue();
        assertThat(eval("count >= 2 and count < 3")).isTrue();
        assertThat(eval("os in ['Debian', 'Ubuntu']")).isTrue();
        assertThat(eval("'c' in roles")).isFalse();
        assertThat(eval("'c' not in roles")).isTrue();
        assertThat(eval("node.role == 'primary'")).isTrue();
    }

    @Test
    void andOrParenthesesPrecedence() {
        assertThat(eval("yes_flag or no_flag and no_flag")).isTrue();
        assertThat(eval("(yes_flag or no_flag) and no_flag")).isFalse();
        assertThat(eval("not (os == 'RedHat' or count > 5)")).isTrue();
        assertThat(eval("missing is defined and missing == 1")).isFalse();
    }

    @Test
    void filtersInConditions() {
        assertThat(eval("missing | default(false)")).isFalse();
        assertThat(eval("'yes' | bool")).isTrue();
        assertThat(eval("'3' | int > 2")).isTrue();
    }

    @Test
    void wrappingBracesAreTolerated() {
        assertThat(eval("{{ yes_flag }}")).isTrue();
    }

    @Test
    void undefinedIsAnError() {
        assertThatThrownBy(() -> eval("missing == 'x'"))
                .isInstanceOf(InputException.class).hasMessageContaining("undefined variable 'missing'");
    }

    @Test
    void unknownSyntaxIsAnErrorWithLocation() {
        Args.Location at = new Args.Location(Path.of("p.yml"), 3, 5);
        assertThatThrownBy(() -> When.evaluate("os === 'x'", vars, at))
                .hasMessageStartingWith("p.yml:3:5: when: ").hasMessageContaining("at position 6").hasMessageContaining("got '='");
        assertThatThrownBy(() -> eval("os is empty")).hasMessageContaining("unknown test 'empty'");
        assertThatThrownBy(() -> eval("(os")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> eval("os = 'x'")).hasMessageContaining("at position 4").hasMessageContaining("got '='");
        assertThatThrownBy(() -> eval("")).hasMessageContaining("empty expression");
        assertThatThrownBy(() -> eval("count > 'a'")).hasMessageContaining("cannot compare");
    }

    @Test
    void variablesForPlanningSkipDefinedTests() {
        assertThat(When.undefinedVariables("a is defined and b == c | default(1)", Set.of(), null))
                .containsExactly("b");
    }
}
