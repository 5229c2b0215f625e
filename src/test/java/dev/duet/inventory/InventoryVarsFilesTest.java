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
 * group_vars/ and host_vars/ as Ansible's host_group_vars plugin reads them, merged in Ansible's default
 * variable precedence; expected values written from the "Variable precedence" and "Organizing host and
 * group variables" sections of Ansible's documentation.
 */
class InventoryVarsFilesTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private static final String INI = """
            [web]
            web1
            [db]
            db1 x=host_line
            [prod:children]
            web
            db
            [all:vars]
            x=inventory_all
            """;

    @Test
    void filesWithAndWithoutExtensionAndDirectoriesOfFiles() throws IOException {
        Path inv = write("inv/hosts", INI);
        write("inv/group_vars/all.yml", "a_all: 1\n");
        write("inv/group_vars/web", "a_web: plain file\n");
        write("inv/group_vars/db/10-first.yml", "a_db: first\nshared: first\n");
        write("inv/group_vars/db/20-second.yaml", "shared: second\n");
        write("inv/group_vars/db/sub/30-third.json", "{\"nested\": \"json\"}\n");
        write("inv/group_vars/db/.hidden.yml", "shared: hidden\n");
        write("inv/group_vars/db/40-backup.yml~", "shared: backup\n");
        write("inv/group_vars/db/notes.txt", "shared: text\n");
        write("inv/group_vars/db/empty.yml", "");
        write("inv/host_vars/web1.json", "{\"h\": 7}\n");
        Inventory i = new InventoryLoader().load(inv);
        assertThat(i.hosts().get("web1").vars()).containsEntry("a_all", 1).containsEntry("a_web", "plain file")
                .containsEntry("h", 7).doesNotContainKey("a_db");
        assertThat(i.hosts().get("db1").vars()).containsEntry("a_db", "first").containsEntry("shared", "second")
                .containsEntry("nested", "json");
        assertThat(i.origin("db1", "shared").orElseThrow().describe())
                .isEqualTo(dir.resolve("inv/group_vars/db/20-second.yaml") + ":1:1");
        assertThat(i.origin("web1", "h").orElseThrow().file()).isEqualTo(dir.resolve("inv/host_vars/web1.json"));
    }

    @Test
    void onlyTheFirstOfNameAndItsExtensionsIsRead() throws IOException {
        Path inv = write("hosts.yml", "all:\n  hosts:\n    n1:\n");
        write("group_vars/all", "from: bare\n");
        write("group_vars/all.yml", "from: yml\nonly_yml: 1\n");
        assertThat(new InventoryLoader().load(inv).hosts().get("n1").vars())
                .containsEntry("from", "bare").doesNotContainKey("only_yml");
    }

    @Test
    void precedenceFileThenInventoryGroupVarsThenPlaybookGroupVarsThenHosts() throws IOException {
        Path inv = write("inv/hosts", INI + "[web:vars]\ny=inventory_web\n");
        write("inv/group_vars/all.yml", "x: inv_group_vars_all\nz: inv_all\nw: inv_all\n");
        write("inv/group_vars/prod.yml", "z: inv_prod\n");
        write("inv/group_vars/web.yml", "y: inv_group_vars_web\nz: inv_web\n");
        write("play/group_vars/all.yml", "w: play_all\nz: play_all\n");
        write("play/group_vars/web.yml", "y: play_web\n");
        write("inv/host_vars/db1.yml", "x: inv_host_vars\n");
        write("play/host_vars/db1.yml", "v: play_host\n");
        Inventory i = new InventoryLoader().load(inv, dir.resolve("play"));
        // all < parent < child; inventory file < inventory group_vars < playbook group_vars
        assertThat(i.hosts().get("web1").vars()).containsEntry("x", "inv_group_vars_all")
                .containsEntry("y", "play_web").containsEntry("z", "inv_web").containsEntry("w", "play_all");
        // group_vars/prod beside the inventory outranks group_vars/all beside the playbook (group over all)
        assertThat(i.hosts().get("db1").vars()).containsEntry("z", "inv_prod");
        // host_vars above every group variable, and above the host's own line
        assertThat(i.hosts().get("db1").vars()).containsEntry("x", "inv_host_vars").containsEntry("v", "play_host");
        assertThat(i.origin("web1", "y").orElseThrow().describe()).isEqualTo(dir.resolve("play/group_vars/web.yml") + ":1:1");
    }

    @Test
    void sameDepthGroupsByNameUnlessAnsibleGroupPriority() throws IOException {
        Path inv = write("hosts", "[a]\nh1\n[b]\nh1\n[a:vars]\nv=a\n[b:vars]\nv=b\n");
        assertThat(new InventoryLoader().load(inv).hosts().get("h1").vars()).containsEntry("v", "b");
        Path prio = write("p/hosts", "[a]\nh1\n[b]\nh1\n[a:vars]\nv=a\nansible_group_priority=10\n[b:vars]\nv=b\n");
        write("p/group_vars/a.yml", "f: a\n");
        write("p/group_vars/b.yml", "f: b\n");
        Host h1 = new InventoryLoader().load(prio).hosts().get("h1");
        assertThat(h1.vars()).containsEntry("v", "a").containsEntry("f", "a")
                .as("ansible_group_priority orders groups, it is not a variable").doesNotContainKey("ansible_group_priority");
    }

    @Test
    void inventoryFileAndDirAreHostVariables() throws IOException {
        Path inv = write("inv/hosts.ini", "n1\n");
        Host n1 = new InventoryLoader().load(inv).hosts().get("n1");
        assertThat(n1.vars()).containsEntry("inventory_file", inv.toAbsolutePath().toString())
                .containsEntry("inventory_dir", dir.resolve("inv").toAbsolutePath().toString());
        assertThat(n1.groups()).containsExactly("all", "ungrouped");
    }

    @Test
    void aBadFileIsLocated() throws IOException {
        Path inv = write("hosts", "[web]\nweb1\n");
        write("group_vars/web.yml", "- a list\n");
        InputException e = assertThrows(InputException.class, () -> new InventoryLoader().load(inv));
        assertThat(e.getMessage()).startsWith(dir.resolve("group_vars/web.yml") + ":1:1: ").contains("mapping");
    }

    @Test
    void badConnectionValuesInGroupVarsAreLocated() throws IOException {
        Path inv = write("hosts", "[web]\nweb1\n");
        write("group_vars/web.yml", "ok: 1\nansible_port: 22;reboot\n");
        InputException e = assertThrows(InputException.class, () -> new InventoryLoader().load(inv));
        assertThat(e.getMessage()).startsWith(dir.resolve("group_vars/web.yml") + ":2:1: ").contains("ansible_port");
    }

    @Test
    void vaultFilesAndPasswordsAreRefusedWithoutShowingThem() throws IOException {
        Path inv = write("hosts", "[web]\nweb1\n");
        write("group_vars/web.yml", "$ANSIBLE_VAULT;1.1;AES256\n6162\n");
        InputException vault = assertThrows(InputException.class, () -> new InventoryLoader().load(inv));
        assertThat(vault.getMessage()).contains("ansible-vault");
        write("group_vars/web.yml", "user: x\nansible_ssh_pass: hunter2\n");
        InputException pass = assertThrows(InputException.class, () -> new InventoryLoader().load(inv));
        assertThat(pass.getMessage()).startsWith(dir.resolve("group_vars/web.yml") + ":2:1: ")
                .contains("ansible_ssh_pass", "SSH keys only").doesNotContain("hunter2");
        InputException inline = assertThrows(InputException.class,
                () -> new InventoryLoader().parse(dir.resolve("i.ini"), "web1 ansible_password=hunter2\n"));
        assertThat(inline.getMessage()).contains("i.ini:1:", "ansible_password").doesNotContain("hunter2");
    }
}
