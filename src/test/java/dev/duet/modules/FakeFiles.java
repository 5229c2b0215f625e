package dev.duet.modules;

import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny filesystem behind a {@link ScriptedNode}: stat, readlink, mkdir -p, touch, chmod, chown, ln -sfn
 * and rm -rf answer as coreutils do, so the file module's check and act meet the state they change.
 */
final class FakeFiles {
    record Entry(String kind, String mode, String owner, String target) {
    }

    final Map<String, Entry> entries = new TreeMap<>();
    final ScriptedNode node;

    FakeFiles(String name) {
        node = new ScriptedNode(name)
                .on("stat -c", c -> stat(c, last(c)))
                .on("readlink", c -> ok(c, entries.get(last(c)).target() + "\n"))
                .on("mkdir -p", c -> {
                    String p = last(c);
                    for (int i = p.indexOf('/', 1); i > 0; i = p.indexOf('/', i + 1)) {
                        entries.putIfAbsent(p.substring(0, i), new Entry("directory", "0755", "root:root", null));
                    }
                    entries.putIfAbsent(p, new Entry("directory", "0755", "root:root", null));
                    return ok(c, "");
                })
                .on("touch", c -> {
                    entries.putIfAbsent(last(c), new Entry("regular empty file", "0644", "root:root", null));
                    return ok(c, "");
                })
                .on("chmod", c -> change(c, e -> new Entry(e.kind(), c.argv().get(1), e.owner(), e.target())))
                .on("chown", c -> change(c, e -> new Entry(e.kind(), e.mode(), owner(c.argv().get(1)), e.target())))
                .on("ln -sfn", c -> {
                    List<String> a = c.argv();
                    entries.put(a.get(a.size() - 1), new Entry("symbolic link", "0777", "root:root", a.get(a.size() - 2)));
                    return ok(c, "");
                })
                .on("rm -rf", c -> {
                    String p = last(c);
                    entries.keySet().removeIf(k -> k.equals(p) || k.startsWith(p + "/"));
                    return ok(c, "");
                });
    }

    FakeFiles with(String path, String kind, String mode, String owner) {
        entries.put(path, new Entry(kind, mode, owner, null));
        return this;
    }

    private CommandResult stat(Command c, String path) {
        Entry e = entries.get(path);
        if (e == null) {
            return ScriptedNode.result(c, 1, "", "stat: cannot statx '" + path + "': No such file or directory\n");
        }
        return ok(c, e.kind() + "|" + e.mode().replaceFirst("^0(?=[0-7]{3}$)", "") + "|" + e.owner() + "\n");
    }

    private CommandResult change(Command c, java.util.function.UnaryOperator<Entry> how) {
        entries.computeIfPresent(last(c), (k, e) -> how.apply(e));
        return ok(c, "");
    }

    private static String owner(String spec) {
        return spec.contains(":") ? spec : spec + ":root";
    }

    private static String last(Command c) {
        return c.argv().get(c.argv().size() - 1);
    }

    private static CommandResult ok(Command c, String out) {
        return ScriptedNode.result(c, 0, out, "");
    }
}
