package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inventories as a careless user or an attacker writes them: an input error at a line, or read right. */
class InventoryHostileInputTest {
    @TempDir
    Path dir;

    @Test
    void aPortWithSpacesIsTheNumberItValidatedAs() throws Exception {
        Path f = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    node1: {ansible_host: 127.0.0.1, ansible_port: " 2222 "}
                """);

        assertThat(new InventoryLoader().load(f).hosts().get("node1").port()).isEqualTo(2222);
    }

    @Test
    void anIniPortWithSpacesIsTheNumberItValidatedAs() throws Exception {
        Path f = Files.writeString(dir.resolve("hosts.ini"), "node1 ansible_host=127.0.0.1 ansible_port=\" 1\"\n");

        assertThat(new InventoryLoader().load(f).hosts().get("node1").port()).isEqualTo(1);
    }

    @Test
    void nonUtf8BytesInAnIniInventoryAreReportedAtTheirLine() throws Exception {
        Path f = dir.resolve("hosts");
        Files.write(f, new byte[] {'[', 'p', ']', '\n', 'n', 'o', 'd', (byte) 0xE9, '1', '\n'});

        assertThatThrownBy(() -> new InventoryLoader().load(f))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(f + ":2:4: ")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void anAliasBombInAYamlInventoryIsAnInputErrorAtALine() throws Exception {
        StringBuilder y = new StringBuilder("all:\n  vars:\n    a0: &a0 [x, y, z]\n");
        for (int i = 1; i <= 12; i++) {
            String p = "*a" + (i - 1);
            y.append("    a").append(i).append(": &a").append(i).append(" [").append(p).append(", ").append(p)
                    .append(", ").append(p).append("]\n");
        }
        Path f = Files.writeString(dir.resolve("hosts.yml"), y);

        assertThatThrownBy(() -> new InventoryLoader().load(f))
                .isInstanceOf(InputException.class)
                .hasMessageMatching("(?s)" + java.util.regex.Pattern.quote(f.toString()) + ":\\d+:\\d+: .*aliases.*");
    }
}
