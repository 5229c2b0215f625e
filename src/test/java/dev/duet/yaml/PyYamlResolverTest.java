package dev.duet.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Plain scalars typed as PyYAML 6 (ansible-core 2.14's loader) types them; the listings are in ansible-recorded/yaml-1.1-scalars. */
class PyYamlResolverTest {
    private static Object value(String plain) {
        return LocatedYaml.parse(Path.of("t.yml"), "k: " + plain + "\n").entries().get("k").value().value();
    }

    @Test
    void floatsNeedADotOrAreInfinityOrNan() {
        assertThat(value("1e3")).isEqualTo("1e3");
        assertThat(value("1.0E3")).isEqualTo("1.0E3");
        assertThat(value("+.5")).isEqualTo("+.5");
        assertThat(value("1.0e+3")).isEqualTo(1000.0);
        assertThat(value("-.inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) value(".NaN")).isNaN();
        assertThat(value("190:20:30.15")).isEqualTo(685230.15);
        assertThat(value("1_0.5")).isEqualTo(10.5);
    }

    @Test
    void anEqualsSignAloneIsRefusedAsAnsibleCannotLoadIt() {
        assertThatThrownBy(() -> value("="))
                .hasMessageContaining("t.yml:1:4: ")
                .hasMessageContaining("'=' alone is YAML 1.1's value key");
        assertThat(value("'='")).isEqualTo("=");
    }

    @Test
    void textThatPyYamlReadsAsTextIsPlain() {
        assertThat(PyYamlResolver.readsAsText("1e3")).isTrue();
        assertThat(PyYamlResolver.readsAsText("y")).isTrue();
        assertThat(PyYamlResolver.readsAsText(".5")).isFalse();
        assertThat(PyYamlResolver.readsAsText("=")).isFalse();
        assertThat(PyYamlResolver.readsAsText("")).isFalse();
        assertThat(PyYamlResolver.readsAsText("<<")).isFalse();
    }
}
