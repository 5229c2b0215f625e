package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code duet inventory --list} where ansible-inventory 2.14+ prints something particular: a null
 * variable is JSON null, -e variables are in every host's variables (its VariableManager.get_vars adds
 * them on top), and YAML folds long strings at 80 columns as PyYAML's emitter does.
 */
class InventoryListingGapsTest {
    @TempDir
    Path dir;

    /** JSON with its white space folded, to compare a part of the output. */
    private static String squash(String json) {
        return json.strip().replaceAll("\\s+", " ");
    }

    @Test
    void aNullVariableIsJsonNullAndYamlNull() throws IOException {
        Path inv = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars:
                    from_group: ~
                  hosts:
                    node1:
                      empty:
                      nested: {a: null}
                """);

        CliRun json = CliRun.of("inventory", "--list", "-i", inv.toString());
        CliRun yaml = CliRun.of("inventory", "--host", "node1", "--yaml", "-i", inv.toString());

        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(squash(json.out())).contains(squash("""
                            "node1": {
                                "empty": null,
                                "from_group": null,
                                "nested": {
                                    "a": null
                                }
                            }"""));
        assertThat(yaml.out()).isEqualTo("empty: null\nfrom_group: null\nnested:\n  a: null\n");
    }

    @Test
    void extraVarsAreInEveryHostsVariablesAboveTheInventorysAndInternalOnesStayOut() throws IOException {
        Path inv = Files.writeString(dir.resolve("hosts.ini"), "node1 port=1\n[pair]\nnode2\n");

        CliRun run = CliRun.of("inventory", "--list", "-i", inv.toString(), "-e", "port=2 inventory_dir=/x",
                "-e", "{\"nothing\": null}");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(squash(run.out())).contains(squash("""
                        "hostvars": {
                            "node1": {
                                "nothing": null,
                                "port": "2"
                            },
                            "node2": {
                                "nothing": null,
                                "port": "2"
                            }
                        }"""));
    }

    @Test
    void yamlFoldsLongStringsAt80ColumnsAsPyYamlDoes() throws IOException {
        String words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
        Path inv = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    node1:
                      motd: "%s"
                      quoted: "yes: %s"
                      spaced: "a  %s"
                """.formatted(words, words, words.replace(" ", "  ")));

        CliRun run = CliRun.of("inventory", "--list", "--yaml", "-i", inv.toString());

        // yaml.dump(..., default_flow_style=False, allow_unicode=True) of the same data (PyYAML 6)
        assertThat(run.out()).as(run.toString()).isEqualTo("""
                all:
                  children:
                    ungrouped:
                      hosts:
                        node1:
                          motd: one two three four five six seven eight nine ten eleven twelve thirteen
                            fourteen fifteen
                          quoted: 'yes: one two three four five six seven eight nine ten eleven twelve
                            thirteen fourteen fifteen'
                          spaced: a  one  two  three  four  five  six  seven  eight  nine  ten  eleven  twelve  thirteen  fourteen  fifteen
                """);
    }
}
