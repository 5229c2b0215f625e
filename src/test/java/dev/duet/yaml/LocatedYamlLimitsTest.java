package dev.duet.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken YAML ends as an input error at a file and line, never as an OutOfMemoryError. */
class LocatedYamlLimitsTest {
    @TempDir
    Path dir;

    /** Twelve levels of three aliases each: under 500 bytes, half a million nodes once expanded. */
    static String aliasBomb() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, y, z]\n");
        for (int i = 1; i <= 12; i++) {
            String p = "*a" + (i - 1);
            y.append("a").append(i).append(": &a").append(i).append(" [").append(p).append(", ").append(p)
                    .append(", ").append(p).append("]\n");
        }
        return y.toString();
    }

    @Test
    void aliasExpansionIsBoundedAndReportedAtALine() {
        String bomb = aliasBomb();
        assertThat(bomb.length()).isLessThan(500);

        assertThatThrownBy(() -> LocatedYaml.parse(Path.of("site.yml"), bomb))
                .isInstanceOf(InputException.class)
                .hasMessageMatching("(?s)site\\.yml:\\d+:\\d+: .*aliases expand to more than .*");
    }

    @Test
    void aFewAliasesStillWork() {
        LocatedNode root = LocatedYaml.parse(Path.of("site.yml"), "a: &x [1, 2]\nb: *x\nc: *x\n");

        assertThat(root.entries().get("c").value().items()).hasSize(2);
    }

    @Test
    void nestingBeyondTheLimitNamesTheLine() {
        String deep = "x: 1\na: " + "[".repeat(200) + "]".repeat(200) + "\n";

        assertThatThrownBy(() -> LocatedYaml.parse(Path.of("site.yml"), deep))
                .isInstanceOf(InputException.class)
                .hasMessageMatching("(?si)site\\.yml:2:\\d+: invalid YAML: .*nesting.*");
    }

    @Test
    void tooManyAliasesForCollectionsNamesTheLine() {
        StringBuilder y = new StringBuilder("a: &a [1]\nb:\n");
        for (int i = 0; i < 60; i++) {
            y.append("  - *a\n");
        }
        assertThatThrownBy(() -> LocatedYaml.parse(Path.of("site.yml"), y.toString()))
                .isInstanceOf(InputException.class)
                .hasMessageMatching("(?s)site\\.yml:\\d+:\\d+: invalid YAML: .*aliases.*");
    }

    @Test
    void aDocumentOverTheSizeLimitNamesTheLine() {
        String big = "a: |\n" + ("  " + "x".repeat(99) + "\n").repeat(40_000);

        assertThatThrownBy(() -> LocatedYaml.parse(Path.of("site.yml"), big))
                .isInstanceOf(InputException.class)
                .hasMessageMatching("(?s)site\\.yml:\\d+: .*larger than.*");
    }

    @Test
    void nonUtf8BytesAreReportedAtTheirLine() throws Exception {
        Path file = dir.resolve("site.yml");
        byte[] head = "- hosts: all\n  vars:\n    motd: ".getBytes();
        byte[] bad = {(byte) 0xE9, 't', 'e', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(file, all);

        assertThatThrownBy(() -> LocatedYaml.read(file))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(file + ":3:11: ")
                .hasMessageContaining("UTF-8");
    }
}
