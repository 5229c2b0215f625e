package dev.duet.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.yaml.YamlTimestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scalars as PyYAML's yaml.dump and Python's json.dumps write them (what ansible-inventory prints). */
class PyDumpTest {
    @Test
    void yamlQuotesWhatYaml11WouldReadAsAnotherType() {
        for (String quoted : List.of("yes", "No", "true", "null", "~", "", "12", "0644", "12.5", "0x1F", "2024-01-02",
                "a: b", "x #y", "- item", "@at", "*star", "trailing ", "key:")) {
            assertThat(PyYaml.scalar(quoted)).as(quoted).startsWith("'");
        }
        for (String plain : List.of("y", "Y", "n", "N", "lab", "two words", "/dev/vdb", "192.168.77.1", "~/.ssh/id", "a#b", "-x", "ntp.example.com")) {
            assertThat(PyYaml.scalar(plain)).as(plain).isEqualTo(plain);
        }
        assertThat(PyYaml.scalar("it's")).isEqualTo("it's");
        assertThat(PyYaml.scalar("'q'")).isEqualTo("'''q'''");
        assertThat(PyYaml.scalar(1000.0)).isEqualTo("1000.0");
        assertThat(PyYaml.scalar(1e16)).isEqualTo("1.0e+16");
    }

    /** PyYAML's timestamp resolver, as ansible-inventory 2.14 printed these texts (ansible-recorded/yaml-dates). */
    @Test
    void yamlQuotesTextOnlyWherePyYamlsTimestampResolverWouldReadADate() {
        for (String quoted : List.of("2024-01-02", "2024-01-02T10:00:00Z", "2024-1-2 3:04:05", "2024-01-02 10:00:00 +5")) {
            assertThat(PyYaml.scalar(quoted)).as(quoted).isEqualTo("'" + quoted + "'");
        }
        for (String plain : List.of("2024-1-2", "2024-01-02 extra", "2024-01-02x", "20240-01-02")) {
            assertThat(PyYaml.scalar(plain)).as(plain).isEqualTo(plain);
        }
    }

    /** A date as PyYAML's represent_date/represent_datetime writes it, and as AnsibleJSONEncoder does. */
    @Test
    void aYamlTimestampIsWrittenAsPythonsDateOrDatetime() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("when", YamlTimestamp.of("2024-01-02"));
        m.put("at", YamlTimestamp.of("2024-1-2 3:04:05"));
        m.put("odd", YamlTimestamp.of("2001-12-14t21:59:43.10-05:00"));
        m.put("utc", YamlTimestamp.of("2024-01-02T10:00:00Z"));
        m.put("zero", YamlTimestamp.of("2024-01-02 10:00:00.000 -0"));

        assertThat(PyYaml.dump(m)).isEqualTo("at: 2024-01-02 03:04:05\nodd: 2001-12-14 21:59:43.100000-05:00\n"
                + "utc: 2024-01-02 10:00:00+00:00\nwhen: 2024-01-02\nzero: 2024-01-02 10:00:00+00:00\n");
        assertThat(PyJson.dump(m)).contains("\"at\": \"2024-01-02T03:04:05\"", "\"when\": \"2024-01-02\"",
                "\"odd\": \"2001-12-14T21:59:43.100000-05:00\"");
        YamlTimestamp shared = YamlTimestamp.of("2020-02-29");
        assertThat(PyYaml.dump(Map.of("a", Map.of("since", shared), "b", Map.of("since", shared))))
                .isEqualTo("a:\n  since: &id001 2020-02-29\nb:\n  since: *id001\n");
    }

    @Test
    void yamlBlockStyleWithIndentlessLists() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of("x", 1));
        m.put("a", Map.of());
        m.put("c", Map.of("k", Arrays.asList(true, null)));
        assertThat(PyYaml.dump(m)).isEqualTo("a: {}\nb:\n- x\n- 1\nc:\n  k:\n  - true\n  - null\n");
    }

    /**
     * yaml.dump of one dict and one list met twice (as ansible-inventory --yaml prints a group's list variable
     * for each of its hosts) and of lists in lists; expected: PyYAML 6.0 of Debian 12 for
     * {@code d={'a':1}; l=[1,2]; e={}; el=[]; {'x':[d,d,l,l,e,e,el,el,[[3],[]]],'y':d,'z':l,'w':e}}.
     */
    @Test
    void yamlAnchorsAnObjectMetTwiceAndPutsAListsFirstItemOnTheDashLine() {
        Map<String, Object> d = new LinkedHashMap<>(Map.of("a", 1));
        List<Object> l = new ArrayList<>(List.of(1, 2));
        Map<String, Object> e = new LinkedHashMap<>();
        List<Object> el = new ArrayList<>();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", List.of(d, d, l, l, e, e, el, el, List.of(new ArrayList<>(List.of(3)), new ArrayList<>())));
        m.put("y", d);
        m.put("z", l);
        m.put("w", e);
        assertThat(PyYaml.dump(m)).isEqualTo("w: &id003 {}\nx:\n- &id001\n  a: 1\n- *id001\n- &id002\n  - 1\n  - 2\n"
                + "- *id002\n- *id003\n- *id003\n- &id004 []\n- *id004\n- - - 3\n  - []\ny: *id001\nz: *id002\n");
    }

    @Test
    void jsonAsPythonIndentFourSortedKeys() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", List.of());
        m.put("a", Map.of("f", 1.5e-5, "q", "say \"hi\"\n"));
        assertThat(PyJson.dump(m)).isEqualTo("{\n    \"a\": {\n        \"f\": 1.5e-05,\n        \"q\": \"say \\\"hi\\\"\\n\"\n    },\n    \"z\": []\n}");
    }
}
