package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory given as the inventory, as Ansible's InventoryManager reads one: every entry in sorted
 * order, subdirectories too, into one inventory (a later file adds to and overrides an earlier one);
 * hidden names, group_vars, host_vars, vars_plugins and the INVENTORY_IGNORE_EXTS endings (.orig .ini .cfg
 * .retry and .pyc .pyo .swp .bak ~ .rpm .md .txt .rst) skipped; group_vars/ and host_vars/ read from
 * that directory; each host's inventory_file the file it was first seen in.
 */
class InventoryDirectoryTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) {
        return TestFiles.write(dir, relative, text);
    }

    private void fullDirectory() throws IOException {
        write("inv/01-hosts", "[pair]\nnode1\nnode2\n[pair:vars]\nx=from-ini\nonly_ini=1\n");
        write("inv/02-more.yml", "all:\n  children:\n    pair:\n      vars: {x: from-yaml}\n    extra:\n"
                + "      hosts:\n        node3:\n        node1:\n");
        write("inv/sub/03", "node4\n");
        for (String ignored : new String[] {"README.md", "hosts.ini", "hosts.cfg", "notes.txt", ".hidden",
                "backup~", "old.retry", "x.orig", "y.bak", "z.rst", "w.swp", "v.rpm", "u.pyc", "t.pyo"}) {
            write("inv/" + ignored, "[broken\n");
        }
        write("inv/group_vars/pair.yml", "y: from-group-vars\n");
        write("inv/host_vars/node3.yml", "z: from-host-vars\n");
    }

    @Test
    void everyFileInSortedOrderMakesOneInventory() throws IOException {
        fullDirectory();

        Inventory inv = new InventoryLoader().load(dir.resolve("inv"));

        assertThat(inv.hosts().keySet()).containsExactly("node1", "node2", "node3", "node4");
        assertThat(inv.groups().get("pair")).containsExactly("node1", "node2");
        assertThat(inv.groups().get("extra")).containsExactly("node1", "node3");
        Host node1 = inv.hosts().get("node1");
        assertThat(node1.vars()).containsEntry("x", "from-yaml").containsEntry("only_ini", 1)
                .containsEntry("y", "from-group-vars")
                .containsEntry("inventory_file", dir.resolve("inv/01-hosts").toString())
                .containsEntry("inventory_dir", dir.resolve("inv").toString());
        assertThat(inv.hosts().get("node3").vars()).containsEntry("z", "from-host-vars")
                .containsEntry("inventory_file", dir.resolve("inv/02-more.yml").toString());
        assertThat(inv.hosts().get("node4").vars())
                .containsEntry("inventory_file", dir.resolve("inv/sub/03").toString())
                .containsEntry("inventory_dir", dir.resolve("inv/sub").toString());
    }

    @Test
    void anErrorNamesTheFileInTheDirectoryAndItsLine() throws IOException {
        write("inv/01-good", "node1\n");
        Path bad = write("inv/02-bad", "node2\nnode3 ansible_port=http\n");

        assertThatThrownBy(() -> new InventoryLoader().load(dir.resolve("inv"))).isInstanceOf(InputException.class)
                .hasMessageStartingWith(bad + ":2:");
    }

    @Test
    void anExecutableInventoryScriptIsRefusedByName() throws IOException {
        write("inv/01-good", "node1\n");
        Path script = write("inv/02-dynamic.py", "#!/usr/bin/env python3\nprint('{}')\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> new InventoryLoader().load(dir.resolve("inv"))).isInstanceOf(InputException.class)
                .hasMessageStartingWith(script.toString())
                .hasMessageContaining("inventory script");
    }

    @Test
    void anEmptyDirectoryIsAnInventoryWithoutHosts() throws IOException {
        Files.createDirectories(dir.resolve("inv/group_vars"));

        assertThat(new InventoryLoader().load(dir.resolve("inv")).hosts()).isEmpty();
    }
}
