package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected values from Ansible's load_extra_vars and parse_kv (lib/ansible/utils/vars.py, parsing/splitter.py). */
class ExtraVarsTest {
    @TempDir
    Path dir;

    @Test
    void keyValueWordsAsParseKvSplitsThem() {
        assertThat(ExtraVars.parse(List.of("k=v w"))).containsExactlyInAnyOrderEntriesOf(Map.of("k", "v", "_raw_params", "w"));
        assertThat(ExtraVars.parse(List.of("msg=\"hello world\" n=3 path='/a b'")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("msg", "hello world", "n", "3", "path", "/a b"));
        assertThat(ExtraVars.parse(List.of("url=http://x/?a=b"))).containsEntry("url", "http://x/?a=b");
        assertThat(ExtraVars.parse(List.of("t={{ a }} b=1"))).containsEntry("t", "{{ a }}").containsEntry("b", "1");
    }

    @Test
    void laterOptionsWinAndYamlOrJsonKeepTypes() throws IOException {
        Path f = dir.resolve("vars.yml");
        Files.writeString(f, "n: 3\nmode: 0644\nlist: [a, b]\n");
        Map<String, Object> v = ExtraVars.parse(List.of("n=1 x=a", "@" + f, "{\"x\": true}"));
        assertThat(v).containsEntry("n", 3).containsEntry("mode", 420).containsEntry("list", List.of("a", "b"))
                .containsEntry("x", true);
    }

    @Test
    void whatAnsibleRefusesIsRefused() {
        assertThat(assertThrows(InputException.class, () -> ExtraVars.parse(List.of("./vars.yml"))).getMessage())
                .contains("-e @./vars.yml");
        assertThat(assertThrows(InputException.class, () -> ExtraVars.parse(List.of("[1, 2]"))).getMessage())
                .contains("mapping");
        InputException pass = assertThrows(InputException.class, () -> ExtraVars.parse(List.of("ansible_ssh_pass=hunter2")));
        assertThat(pass.getMessage()).contains("ansible_ssh_pass", "SSH keys only").doesNotContain("hunter2");
    }
}
