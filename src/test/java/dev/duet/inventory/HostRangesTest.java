package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values from Ansible's inventory documentation and its expand_hostname_range unit test. */
class HostRangesTest {
    private static final Path F = Path.of("hosts.ini");

    static List<String> names(String pattern) {
        return HostRanges.parse(pattern, F, 3, 1).names();
    }

    @Test
    void numericZeroPaddedAlphabeticAndStride() {
        assertThat(names("node[1:3]")).containsExactly("node1", "node2", "node3");
        assertThat(names("web[01:02]")).containsExactly("web01", "web02");
        assertThat(names("db-[a:c]")).containsExactly("db-a", "db-b", "db-c");
        assertThat(names("a[1:10:2]")).containsExactly("a1", "a3", "a5", "a7", "a9");
        assertThat(names("a[a:i:3]")).containsExactly("aa", "ad", "ag");
        assertThat(names("www[01:50:10].example.com")).containsExactly("www01.example.com", "www11.example.com",
                "www21.example.com", "www31.example.com", "www41.example.com");
        assertThat(names("a[:2]")).containsExactly("a0", "a1", "a2");
    }

    @Test
    void severalRangesInOneName() {
        assertThat(names("a[a:b][c:d]")).containsExactly("aac", "aad", "abc", "abd");
        assertThat(names("a[0:1][2:3]")).containsExactly("a02", "a03", "a12", "a13");
    }

    @Test
    void portAppliesToEveryHost() {
        HostRanges.Entry e = HostRanges.parse("node[1:2]:2222", F, 3, 1);
        assertThat(e.names()).containsExactly("node1", "node2");
        assertThat(e.port()).isEqualTo(2222);
        assertThat(HostRanges.parse("web:2200", F, 3, 1).port()).isEqualTo(2200);
        assertThat(HostRanges.parse("[10.0.0.1]:2200", F, 3, 1).names()).containsExactly("10.0.0.1");
        assertThat(HostRanges.parse("web", F, 3, 1).port()).isNull();
    }

    @Test
    void badRangesAreLocated() {
        for (String bad : List.of("web[01:2]", "web[1]", "web[1:]", "web[1:3", "web[c:a]", "web[1:3:0]", "web:")) {
            InputException e = assertThrows(InputException.class, () -> names(bad), bad);
            assertThat(e.getMessage()).as(bad).startsWith("hosts.ini:3:1: ");
        }
    }

    @Test
    void aHugeRangeIsRefusedBeforeItIsBuilt() {
        InputException e = assertThrows(InputException.class, () -> names("n[1:999999999]"));
        assertThat(e.getMessage()).contains("more than 10000 hosts");
    }
}
