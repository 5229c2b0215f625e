package dev.duet.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.duet.engine.Facts;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two {@link FakeSshHost}s, node1 and node2, acting as a tiny Debian: facts, {@code test -e},
 * {@code touch} and {@code stat} work on their SFTP file roots. Writes an Ansible YAML inventory (group
 * {@code pair}) pointing at them. As a {@code @RegisterExtension} field it stops both hosts after each test.
 */
final class FakePair implements AutoCloseable, AfterEachCallback {
    final FakeSshHost node1 = emulateLinux(FakeSshHost.start("node1"));
    final FakeSshHost node2 = emulateLinux(FakeSshHost.start("node2"));

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    List<FakeSshHost> both() {
        return List.of(node1, node2);
    }

    static FakeSshHost emulateLinux(FakeSshHost h) {
        h.on(Facts.COMMAND.line(), 0, h.name() + "\n6.1.0-18-amd64\ndebian\n\n12\n");
        h.on("test -e ", r -> Files.exists(h.path(r.argv().get(2)))
                ? FakeReply.ok() : FakeReply.exit(1, "", ""));
        h.on("touch ", r -> {
            r.argv().subList(1, r.argv().size()).forEach(p -> {
                if (!Files.exists(h.path(p))) {
                    h.file(p, "");
                }
            });
            return FakeReply.ok();
        });
        h.on("stat -c ", r -> {
            String path = r.argv().get(r.argv().size() - 1);
            if (!Files.exists(h.path(path))) {
                return FakeReply.fail(1, "stat: cannot statx '" + path + "': No such file or directory\n");
            }
            return FakeReply.ok(h.mode(path).replaceFirst("^0", "") + " root:root\n");
        });
        return h;
    }

    /** Writes the inventory; {@code extra} may add host vars per host. */
    Path inventory(Path dir, BiConsumer<String, Map<String, Object>> extra) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (FakeSshHost h : both()) {
            Map<String, Object> vars = new LinkedHashMap<>(h.inventoryVars());
            extra.accept(h.name(), vars);
            hosts.put(h.name(), vars);
        }
        return writeInventory(dir, hosts);
    }

    Path inventory(Path dir) {
        return inventory(dir, (n, v) -> { });
    }

    static Path writeInventory(Path dir, Map<String, Object> hosts) {
        return writeInventory(dir, "pair", hosts);
    }

    static Path writeInventory(Path dir, String group, Map<String, Object> hosts) {
        Map<String, Object> all = Map.of("all", Map.of("children", Map.of(group, Map.of("hosts", hosts))));
        try {
            Path file = dir.resolve("inventory.yml");
            new YAMLMapper().writeValue(file.toFile(), all);
            return file;
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
