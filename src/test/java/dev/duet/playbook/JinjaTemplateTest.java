package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.playbook.expr.ExprError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Jinja2 blocks, filters and tests as Ansible users write them. */
class JinjaTemplateTest {
    final Map<String, Object> vars = vars();

    static Map<String, Object> vars() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("nodes", List.of(Map.of("name", "node1", "addr", "10.0.0.1", "up", true),
                Map.of("name", "node2", "addr", "10.0.0.2", "up", false)));
        v.put("words", List.of("b", "a", "b", "c"));
        v.put("conf", new LinkedHashMap<>(Map.of("port", 7789)));
        v.put("path", "/etc/drbd.d/r0.res");
        v.put("result", Map.of("changed", true, "failed", false, "rc", 0));
        v.put("flag", "yes");
        return v;
    }

    String render(String template) {
        return JinjaTemplate.parse(template).render(vars);
    }

    Object expr(String e) {
        return Templater.render("{{ " + e + " }}", vars, null);
    }

    @Test
    void ifElifElseForSetAndLoopVariablesWithTrimBlocks() {
        String out = render("""
                {# a comment #}
                {% set sep = ', ' %}
                {% for n in nodes %}
                {{ loop.index }}/{{ loop.length }} {{ n.name }}{% if n.up %} up{% elif n.name == 'x' %} x{% else %} down{% endif %}{{ sep if false else '' }}
                {% endfor %}
                {% for k, v in conf.items() %}{{ k }}={{ v }}{% endfor %}
                {% for x in [] %}never{% else %}empty{% endfor %}
                """.replace("{{ sep if false else '' }}", ""));
        // trim_blocks (Ansible's default) also drops the newline after an {% endif %} that ends a line
        assertThat(out).isEqualTo("1/2 node1 up2/2 node2 downport=7789empty");
        assertThat(render("{% for n in nodes %}\n{{ n.name }}\n{% endfor %}\ndone\n")).isEqualTo("node1\nnode2\ndone\n");
    }

    @Test
    void whitespaceControl() {
        assertThat(render("a   {%- if true -%}   b   {%- endif %}\nc")).isEqualTo("abc");
        assertThat(render("a {{ 'x' }}\nb")).as("no trimming after an expression").isEqualTo("a x\nb");
    }

    @Test
    void filters() {
        assertThat(expr("nodes | map(attribute='name') | join(',')")).isEqualTo("node1,node2");
        assertThat(expr("nodes | selectattr('up') | map(attribute='addr') | list")).isEqualTo(List.of("10.0.0.1"));
        assertThat(expr("nodes | selectattr('name', 'equalto', 'node2') | map(attribute='addr') | first")).isEqualTo("10.0.0.2");
        assertThat(expr("nodes | rejectattr('up') | length")).isEqualTo(1);
        assertThat(expr("words | map('upper') | unique | sort")).isEqualTo(List.of("A", "B", "C"));
        assertThat(expr("words | select('match', '[ab]') | list")).isEqualTo(List.of("b", "a", "b"));
        assertThat(expr("path | basename")).isEqualTo("r0.res");
        assertThat(expr("path | dirname")).isEqualTo("/etc/drbd.d");
        assertThat(expr("path | regex_replace('^/etc/(\\\\w+)\\\\.d/.*$', '\\\\1')")).isEqualTo("drbd");
        assertThat(expr("path | replace('r0', 'r1')")).isEqualTo("/etc/drbd.d/r1.res");
        assertThat(expr("conf | to_json")).isEqualTo("{\"port\":7789}");
        assertThat(expr("conf | to_yaml")).isEqualTo("port: 7789\n");
        assertThat(expr("'duet' | b64encode")).isEqualTo("ZHVldA==");
        assertThat(expr("flag | bool")).isEqualTo(true);
        assertThat(expr("'42' | int + 1")).isEqualTo(43);
        assertThat(expr("'A' | lower ~ 'b' | upper")).isEqualTo("aB");
        assertThat(expr("missing | default('x')")).isEqualTo("x");
        assertThat(expr("\"it's\" | quote")).isEqualTo("'it'\"'\"'s'");
    }

    @Test
    void tests() {
        assertThat(When.evaluate("result is changed and result is not failed and result is succeeded", vars)).isTrue();
        assertThat(When.evaluate("'node1' in nodes | map(attribute='name')", vars)).isTrue();
        assertThat(When.evaluate("missing is defined", vars)).isFalse();
        assertThat(When.evaluate("path is match('/etc/')", vars)).isTrue();
    }

    @Test
    void unknownFiltersAndTestsAreErrorsBeforeAnythingRuns() {
        assertThatThrownBy(() -> JinjaTemplate.parse("x\n{{ a | shout }}")).isInstanceOf(ExprError.class)
                .hasMessageContaining("line 2").hasMessageContaining("unknown filter 'shout'");
        assertThatThrownBy(() -> JinjaTemplate.parse("{% if a is loud %}{% endif %}")).hasMessageContaining("unknown test 'loud'");
        assertThatThrownBy(() -> JinjaTemplate.parse("a\nb\n{% if x %}")).hasMessageContaining("expected {% endif %}");
        assertThatThrownBy(() -> JinjaTemplate.parse("{% macro m() %}{% endmacro %}")).hasMessageContaining("unsupported tag {% macro %}");
        assertThatThrownBy(() -> Templater.checkSyntax("{% if x | shout %}y{% endif %}", new dev.duet.step.Args.Location(
                java.nio.file.Path.of("site.yml"), 7, 9))).isInstanceOf(InputException.class)
                .hasMessageContaining("site.yml:7:9: ").hasMessageContaining("unknown filter 'shout'");
    }

    @Test
    void blocksInlineInTaskValuesAndTheirFreeNames() {
        assertThat(Templater.render("{% if flag | bool %}on{% else %}off{% endif %}", vars, null)).isEqualTo("on");
        assertThat(Templater.undefinedVariables("{% for n in nodes %}{{ n.name }}{{ other }}{% endfor %}", Set.of()))
                .containsExactlyInAnyOrder("nodes", "other");
    }
}
