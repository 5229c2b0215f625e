package dev.duet.cluster.cib;

import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live CIB behind a scripted node: {@code cibadmin --query --scope configuration} prints it and
 * {@code cibadmin --modify --scope configuration --xml-pipe} merges stdin into it the way Pacemaker's
 * update does (a child matches the target's child of the same tag and id, or of the same tag when it
 * has no id; unmatched children are added; attributes are copied over). Counts the modifications.
 */
final class FakeCib {
    static final Path DIR = Path.of("src/test/resources/cluster/cib");

    CibNode configuration;
    final List<String> patches = new ArrayList<>();

    FakeCib(CibNode configuration) {
        this.configuration = configuration;
    }

    static FakeCib fixture(String name) {
        return new FakeCib(CibXml.parse(read(name)));
    }

    static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ScriptedNode install(ScriptedNode node) {
        node.on("cibadmin --query --scope configuration", c -> ScriptedNode.result(c, 0, configuration.xml(), ""));
        node.on("cibadmin --modify --scope configuration --xml-pipe", this::modify);
        return node;
    }

    private dev.duet.transport.CommandResult modify(Command c) {
        patches.add(c.stdin());
        configuration = merge(configuration, CibXml.parse(c.stdin()));
        return ScriptedNode.result(c, 0, "", "");
    }

    static CibNode merge(CibNode target, CibNode update) {
        Map<String, String> attrs = new LinkedHashMap<>(target.attrs());
        attrs.putAll(update.attrs());
        List<CibNode> children = new ArrayList<>(target.children());
        for (CibNode u : update.children()) {
            int at = -1;
            for (int i = 0; i < children.size() && at < 0; i++) {
                CibNode t = children.get(i);
                if (t.tag().equals(u.tag()) && (u.id() == null || u.id().equals(t.id()))) {
                    at = i;
                }
            }
            if (at < 0) {
                children.add(u);
            } else {
                children.set(at, merge(children.get(at), u));
            }
        }
        return new CibNode(target.tag(), attrs, children);
    }
}
