package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplaterTest {
    static final Args.Location AT = new Args.Location(Path.of("site.yml"), 12, 7);

    final Map<String, Object> vars = new LinkedHashMap<>(Map.of(
            "name", "r0",
            "port", 7789,
            "peers", List.of("node1", "node2"),
            "node", Map.of("addr", "10.0.0.1", "nested", Map.of("x", "deep")),
            "Mixed", "MiXeD",
            "flag", true));

    Object render(Object value) {
        return Templater.render(value, vars, AT);
    }

    @Test
    void substitutesEmbeddedVariablesAsText() {
        assertThat(render("resource {{ name }} on port {{port}}")).isEqualTo("resource r0 on port 7789");
        assertThat(render("{{ flag }}!")).isEqualTo("True!");
        assertThat(render("no templates here")).isEqualTo("no templates here");
    }

    @Test
    void wholeValueKeepsItsType() {
        assertThat(render("{{ peers }}")).isEqualTo(List.of("node1", "node2"));
        assertThat(render("{{ port }}")).isEqualTo(7789);
        assertThat(render("{{ node }}")).isInstanceOf(Map.class);
    }

    @Test
    void mapLookupByDotAndBracket() {
        assertThat(render("{{ node.addr }}:{{ node['nested'].x }}:{{ peers[1] }}")).isEqualTo("10.0.0.1:deep:node2");
    }

    @Test
    void filters() {
        assertThat(render("{{ missing | default('x') }}")).isEqualTo("x");
        assertThat(render("{{ name | default('x') }}")).isEqualTo("r0");
        assertThat(render("{{ node.missing | d(5) }}")).isEqualTo(5);
        assertThat(render("{{ peers | join(',') }}")).isEqualTo("node1,node2");
        assertThat(render("{{ '42' | int }}")).isEqualTo(42);
        assertThat(render("{{ Mixed | lower }}-{{ Mixed | upper }}")).isEqualTo("mixed-MIXED");
        assertThat(render("{{ peers | length }}")).isEqualTo(2);
    }

    @Test
    void rendersRecursivelyThroughMapsAndLists() {
        Object out = render(Map.of("dest", "/etc/drbd.d/{{ name }}.res", "list", List.of("{{ port }}", 3)));
        assertThat(out).isEqualTo(Map.of("dest", "/etc/drbd.d/r0.res", "list", List.of(7789, 3)));
    }

    @Test
    void undefinedVariableNamesVariableAndLocation() {
        assertThatThrownBy(() -> render("x {{ nope }} y"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("site.yml:12:7: ")
                .hasMessageContaining("undefined variable 'nope'");
        assertThatThrownBy(() -> render("{{ node.nope }}")).hasMessageContaining("undefined variable 'node.nope'");
    }

    @Test
    void refusesWhatItCannotEvaluate() {
        assertThatThrownBy(() -> render("{% if x %}y{% endif %}")).hasMessageContaining("site.yml:12:7: ")
                .hasMessageContaining("undefined variable 'x'");
        assertThatThrownBy(() -> render("{% macro m() %}{% endmacro %}")).hasMessageContaining("site.yml:12:7: ")
                .hasMessageContaining("unsupported tag {% macro %}");
        assertThatThrownBy(() -> render("{{ name | shout }}")).hasMessageContaining("unknown filter 'shout'");
        assertThatThrownBy(() -> render("{{ name ")).hasMessageContaining("expected '}}'");
        assertThatThrownBy(() -> render("{{ name + 1 }}")).hasMessageContaining("site.yml:12:7: ")
                .hasMessageContaining("cannot compute string 'r0' + number '1'");
        assertThatThrownBy(() -> render("{{ 'abc' | int }}")).hasMessageContaining("int: expected a whole number");
        assertThatThrownBy(() -> render("{{ name | join(',') }}")).hasMessageContaining("join: expected a list");
    }

    @Test
    void closingBracesInsideQuotesDoNotEndTheExpression() {
        assertThat(render("{{ missing | default('}}') }}")).isEqualTo("}}");
    }

    @Test
    void undefinedVariablesForPlanning() {
        Object args = Map.of("dest", "/etc/{{ name }}/{{ ansible_hostname }}",
                "content", "{{ optional | default('') }}{{ hostvars[peer].replication_address }}");
        assertThat(Templater.undefinedVariables(args, Set.of("name", "hostvars")))
                .containsExactlyInAnyOrder("ansible_hostname", "peer");
        assertThat(Templater.undefinedVariables(args, Set.of("name", "hostvars", "peer", "ansible_hostname"))).isEmpty();
    }
}
