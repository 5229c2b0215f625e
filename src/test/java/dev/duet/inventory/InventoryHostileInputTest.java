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

    @Test
    void aBecomeThatIsNoBooleanIsRefusedAtItsLineInEveryPlaceItCanBeWritten() throws Exception {
        Path yaml = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    node1:
                      ansible_become: maybe
                """);
        Path ini = Files.writeString(dir.resolve("hosts.ini"), "[pair]\nnode1\n\n[pair:vars]\nansible_become=sometimes\n");
        Path groupVars = Files.createDirectories(dir.resolve("gv/group_vars"));
        Files.writeString(groupVars.resolve("all.yml"), "ansible_become: \"\"\n");
        Path beside = Files.writeString(dir.resolve("gv/hosts.ini"), "node1\n");

        assertThatThrownBy(() -> new InventoryLoader().load(yaml)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(yaml + ":4:")
                .hasMessageContaining("ansible_become", "'maybe'", "yes/no");
        assertThatThrownBy(() -> new InventoryLoader().load(ini)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(ini + ":5:").hasMessageContaining("'sometimes'");
        assertThatThrownBy(() -> new InventoryLoader().load(beside)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(groupVars.resolve("all.yml") + ":1:");
    }

    @Test
    void becomeTakesEveryBooleanAnsibleTakesInAnyCase() throws Exception {
        Path f = Files.writeString(dir.resolve("hosts.ini"), String.join("\n",
                "a ansible_become=YES", "b ansible_become=Off", "c ansible_become=t", "d ansible_become=1",
                "e ansible_become=N", "f ansible_become=True", "g ansible_become=0", ""));

        var hosts = new InventoryLoader().load(f).hosts();

        for (String h : new String[] {"a", "c", "d", "f"}) {
            assertThat(AnsibleBoolean.of(hosts.get(h).vars().get("ansible_become"))).as(h).contains(true);
        }
        for (String h : new String[] {"b", "e", "g"}) {
            assertThat(AnsibleBoolean.of(hosts.get(h).vars().get("ansible_become"))).as(h).contains(false);
        }
        assertThat(AnsibleBoolean.of("maybe")).isEmpty();
        assertThat(AnsibleBoolean.of(2)).isEmpty();
        assertThat(AnsibleBoolean.of(null)).isEmpty();
    }
}
