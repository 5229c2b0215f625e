package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapping keys YAML 1.1 reads as something other than text ({@code on:}, {@code 1:}, {@code 2024-01-02:}), as
 * ansible-inventory 2.14 reads them: a group or host name that is not text makes it fail to parse the
 * inventory ("Invalid group name supplied, expected a string", "Host pattern True must be a string"); a
 * variable named so is held as True or 1, which it lists but no template can name. Duet refuses each at its line.
 */
class YamlInventoryKeysTest {
    @TempDir
    Path dir;

    private InputException refused(String text) throws IOException {
        Path f = dir.resolve("hosts.yml");
        Files.writeString(f, text);
        return assertThrows(InputException.class, () -> new InventoryLoader().load(f));
    }

    @Test
    void aTopLevelGroupNamedOnIsRefused() throws IOException {
        assertThat(refused("on:\n  hosts:\n    h1:\n").getMessage()).contains("hosts.yml:1:1: ",
                "expected a group name as text, got 'on', which YAML 1.1 (Ansible's loader) reads as the boolean true",
                "quote it: 'on'");
    }

    @Test
    void childGroupsNamedByNumbersOrDatesAreRefused() throws IOException {
        assertThat(refused("all:\n  children:\n    1:\n").getMessage())
                .contains("hosts.yml:3:5: ", "a group name as text, got '1'", "the integer 1");
        assertThat(refused("all:\n  children:\n    2024-01-02:\n").getMessage())
                .contains("hosts.yml:3:5: ", "got '2024-01-02'", "a date");
    }

    @Test
    void aHostNamedByADateOrBooleanIsRefused() throws IOException {
        assertThat(refused("all:\n  hosts:\n    2024-01-02:\n").getMessage())
                .contains("hosts.yml:3:5: ", "a host name as text, got '2024-01-02'", "a date");
        assertThat(refused("all:\n  hosts:\n    yes:\n").getMessage())
                .contains("hosts.yml:3:5: ", "a host name as text, got 'yes'", "the boolean true");
    }

    @Test
    void hostAndGroupVariablesNamedByBooleansOrNumbersAreRefused() throws IOException {
        assertThat(refused("all:\n  hosts:\n    h1:\n      on: x\n").getMessage())
                .contains("hosts.yml:4:7: ", "a variable name as text, got 'on'", "the boolean true");
        assertThat(refused("all:\n  vars:\n    0x1F: x\n").getMessage())
                .contains("hosts.yml:3:5: ", "a variable name as text, got '0x1F'", "the integer 31");
        assertThat(refused("all:\n  hosts:\n    h1:\n      1.5: x\n").getMessage())
                .contains("hosts.yml:4:7: ", "got '1.5'", "the float 1.5");
    }

    @Test
    void aGroupVarsFileVariableNamedNoIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), "a: 1\nNo: 2\n");
        assertThat(refused("all:\n  hosts:\n    h1:\n").getMessage())
                .contains("all.yml:2:1: ", "a variable name as text, got 'No'", "the boolean false");
    }

    @Test
    void quotedNamesAreText() throws IOException {
        Path f = dir.resolve("ok.yml");
        Files.writeString(f, "'on':\n  hosts:\n    '2024-01-02':\n      'yes': 1\n");
        Inventory inv = new InventoryLoader().load(f);
        assertThat(inv.groups()).containsKey("on");
        assertThat(inv.hosts().get("2024-01-02").vars()).containsEntry("yes", 1);
    }

    @Test
    void aDateAsAKeyInAValueIsRefusedAsAnsibleCannotListItAsJson() throws IOException {
        assertThat(refused("all:\n  hosts:\n    h1:\n      d: {2024-01-02: x}\n").getMessage())
                .contains("hosts.yml:4:11: ", "'2024-01-02' as a key is a date", "cannot write as JSON");
    }

    @Test
    void textKeysBesideNumbersInOneValueAreRefusedAsAnsibleCannotSortThem() throws IOException {
        assertThat(refused("all:\n  hosts:\n    h1:\n      d: {80: http, default: x}\n").getMessage())
                .contains("hosts.yml:4:21: ", "text keys ('default'", "the integer 80 ('80'", "cannot sort");
    }

    @Test
    void keysAnsibleTakesForOneAreDuplicates() throws IOException {
        assertThat(refused("all:\n  hosts:\n    h1:\n      d: {1: a, on: b}\n").getMessage())
                .contains("hosts.yml:4:17: ", "duplicate key 'on'", "same key as '1'");
        assertThat(refused("all:\n  hosts:\n    h1:\n      d: {0x1F: a, 31.0: b}\n").getMessage())
                .contains("duplicate key '31.0'", "same key as '0x1F'");
    }

    @Test
    void typedKeysAreTheirJavaTextToTemplates() throws IOException {
        Path f = dir.resolve("ok.yml");
        Files.writeString(f, "all:\n  hosts:\n    h1:\n      ports: {80: http, 0x16: ssh}\n      f: {on: x}\n");
        Host h1 = new InventoryLoader().load(f).hosts().get("h1");
        assertThat(h1.vars().get("ports")).isEqualTo(java.util.Map.of("80", "http", "22", "ssh"));
        assertThat(h1.vars().get("f")).isEqualTo(java.util.Map.of("true", "x"));
        assertThat(h1.loaded().get("ports")).isEqualTo(java.util.Map.of(80, "http", 22, "ssh"));
    }
}
