package dev.duet.cli;

import dev.duet.testing.OpenSshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two real OpenSSH servers as node1 and node2. Both log in as the current user on this machine's real
 * filesystem, so each host gets its own {@code dest_dir} (its server's scratch dir) as a host var.
 */
final class OpenSshPair implements AutoCloseable {
    static final String PLAYBOOK = """
            - name: Two real sshds
              hosts: pair
              tasks:
                - name: Config file
                  copy:
                    dest: "{{ dest_dir }}/app.conf"
                    content: "node={{ inventory_hostname }}\\n"
                    mode: "0640"
                - name: Initialise once
                  command:
                    cmd: "touch {{ dest_dir }}/initialised"
                    creates: "{{ dest_dir }}/initialised"
            """;

    final OpenSshServer node1;
    final OpenSshServer node2;

    OpenSshPair() {
        this(true);
    }

    /** {@code sftp} false: both servers have no {@code Subsystem sftp} line and refuse SFTP. */
    OpenSshPair(boolean sftp) {
        node1 = sftp ? OpenSshServer.start("node1") : OpenSshServer.startWithoutSftp("node1");
        node2 = sftp ? OpenSshServer.start("node2") : OpenSshServer.startWithoutSftp("node2");
    }

    List<OpenSshServer> both() {
        return List.of(node1, node2);
    }

    Path inventory(Path dir) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (OpenSshServer s : both()) {
            Map<String, Object> vars = new LinkedHashMap<>(s.inventoryVars());
            vars.put("dest_dir", s.scratch().toString());
            hosts.put(s.name(), vars);
        }
        return FakePair.writeInventory(dir, hosts);
    }

    static Path playbook(Path dir) {
        try {
            return Files.writeString(dir.resolve("site.yml"), PLAYBOOK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        node1.close();
        node2.close();
    }
}
