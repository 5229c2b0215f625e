package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expressions built to exhaust the stack or the heap end as input errors at the task's line. */
class TemplateBoundsTest {
    static final Args.Location AT = new Args.Location(Path.of("site.yml"), 12, 7);

    @Test
    void deeplyNestedParenthesesAreAnInputError() {
        String deep = "{{ " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " }}";

        assertThatThrownBy(() -> Templater.render(deep, Map.of(), AT))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("site.yml:12:7: ")
                .hasMessageContaining("nested more than")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
        assertThatThrownBy(() -> Templater.checkSyntax(deep, AT)).isInstanceOf(InputException.class);
    }

    @Test
    void longChainsThatWouldNestTheEvaluationAreAnInputError() {
        String nots = "{{ " + "not ".repeat(20_000) + "x }}";
        String ors = "{{ x" + " or x".repeat(20_000) + " }}";
        String dots = "{{ x" + ".a".repeat(20_000) + " }}";
        String filters = "{{ x" + " | lower".repeat(20_000) + " }}";

        for (String t : new String[] {nots, ors, dots, filters}) {
            assertThatThrownBy(() -> Templater.render(t, Map.of("x", true), AT))
                    .as(t.substring(0, 20)).isInstanceOf(InputException.class)
                    .hasMessageStartingWith("site.yml:12:7: ").hasMessageContaining("nested more than");
        }
    }

    @Test
    void moderateNestingStillWorks() {
        assertThat(Templater.render("{{ " + "(".repeat(30) + "1" + ")".repeat(30) + " }}", Map.of(), AT)).isEqualTo(1);
        assertThat(Templater.render("{{ x" + " or x".repeat(40) + " }}", Map.of("x", false), AT)).isEqualTo(false);
    }

    @Test
    void aVariableThatDoublesItselfIsBounded() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("v0", "ab");
        for (int i = 1; i <= 28; i++) {
            raw.put("v" + i, "{{ v" + (i - 1) + " }}{{ v" + (i - 1) + " }}");
        }
        LazyVars vars = new LazyVars(raw, Set.of());

        assertThatThrownBy(() -> Templater.render("{{ v28 }}", vars, AT))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("site.yml:12:7: ")
                .hasMessageContaining("longer than");
    }

    @Test
    void aListThatDoublesItselfIsBoundedWhenRenderedAsText() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("v0", "ab");
        for (int i = 1; i <= 28; i++) {
            raw.put("v" + i, "{{ [v" + (i - 1) + ", v" + (i - 1) + "] }}");
        }
        LazyVars vars = new LazyVars(raw, Set.of());

        assertThatThrownBy(() -> Templater.render("x{{ v28 }}", vars, AT))
                .isInstanceOf(InputException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> Templater.render("{{ v28 | join(',') }}", vars, AT))
                .isInstanceOf(InputException.class).hasMessageContaining("longer than");
    }

    @Test
    void aLongChainOfVariablesIsBounded() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("v0", "x");
        for (int i = 1; i <= 20_000; i++) {
            raw.put("v" + i, "{{ v" + (i - 1) + " }}");
        }
        LazyVars vars = new LazyVars(raw, Set.of());

        assertThatThrownBy(() -> Templater.render("{{ v20000 }}", vars, AT))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("site.yml:12:7: ")
                .hasMessageContaining("more than");
    }
}
