package dev.duet.output;

import static org.assertj.core.api.Assertions.assertThat;

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
