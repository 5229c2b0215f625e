package dev.duet.inventory;

import dev.duet.yaml.LocatedNode;
import dev.duet.yaml.LocatedYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's YAML inventory: {@code GROUP: {hosts: {NAME: {vars}}, vars: {...}, children: {GROUP: ...}}}.
 * A host key may carry a port and ranges ({@code node[1:3]:2222}, see {@link HostRanges}); as in
 * Ansible, a section written as a single name ({@code hosts: node1}) means that one entry.
 */
final class YamlInventoryParser {
    private final InventoryDraft draft;

    YamlInventoryParser(InventoryDraft draft) {
        this.draft = draft;
    }

    void parse(Path file, String text) {
        LocatedNode root = LocatedYaml.parse(file, text);
        if (root.isNull()) {
            return;
        }
        if (!root.isMapping()) {
            throw root.error("expected a mapping of groups (e.g. 'all:'), got " + root.describe());
        }
        for (LocatedNode.Entry e : root.entries().values()) {
            group(e);
        }
    }

    private InventoryDraft.Group group(LocatedNode.Entry entry) {
        LocatedNode key = entry.key();
        key.requireText("a group name"); // ansible-inventory fails: "Invalid group name supplied, expected a string"
        InventoryDraft.Group group = draft.group(entry.name(), key.line(), key.column());
        LocatedNode body = entry.value();
        if (body.isNull()) {
            return group;
        }
        if (!body.isMapping()) {
            throw body.error("expected group '" + group.name + "' to be a mapping with hosts, vars or children, got "
                    + body.describe());
        }
        for (LocatedNode.Entry e : body.entries().values()) {
            switch (e.name()) {
                case "hosts" -> hosts(group, e.value());
                case "vars" -> eachVar(e.value(), "vars of group '" + group.name + "'",
                        (k, v) -> draft.groupVar(group, k.text(), v.toAnsible(), k.line(), k.column()));
                case "children" -> children(group, e.value());
                default -> throw e.key().error("unknown key '" + e.name() + "' in group '" + group.name
                        + "' (expected hosts, vars or children)");
            }
        }
        return group;
    }

    private void hosts(InventoryDraft.Group group, LocatedNode hosts) {
        for (LocatedNode.Entry h : mapping(hosts, "hosts of group '" + group.name + "'").values()) {
            LocatedNode key = h.key();
            key.requireText("a host name"); // ansible-inventory fails: "Host pattern ... must be a string"
            HostRanges.Entry entry = HostRanges.parse(h.name(), key.file(), key.line(), key.column());
            // read once: as in Ansible, the hosts of a range share each value (one list, not one per host)
            List<Plain> vars = new ArrayList<>();
            eachVar(h.value(), "vars of host '" + h.name() + "'", (k, v) -> vars.add(new Plain(k, v.toAnsible())));
            for (String name : entry.names()) {
                draft.addHost(group, name, entry.port(), key.line(), key.column());
                vars.forEach(v -> draft.hostVar(name, v.key().text(), v.value(), v.key().line(), v.key().column()));
            }
        }
    }

    private void children(InventoryDraft.Group group, LocatedNode children) {
        for (LocatedNode.Entry c : mapping(children, "children of group '" + group.name + "'").values()) {
            String child = group(c).name;
            if (child.equals(group.name)) {
                throw c.key().error("group '" + child + "' cannot be its own child");
            }
            draft.addChild(group, child, c.key().line(), c.key().column());
        }
    }

    private record Plain(LocatedNode key, Object value) {
    }

    private interface VarSink {
        void accept(LocatedNode key, LocatedNode value);
    }

    /**
     * A variable's name must be text: Ansible would hold {@code on:} as the variable True, which it lists but no
     * template can name.
     */
    private static void eachVar(LocatedNode vars, String what, VarSink sink) {
        for (LocatedNode.Entry e : mapping(vars, what).values()) {
            e.key().requireText("a variable name");
            sink.accept(e.key(), e.value());
        }
    }

    private static Map<String, LocatedNode.Entry> mapping(LocatedNode node, String what) {
        if (node.isNull()) {
            return Map.of();
        }
        if (node.isScalar() && node.value() instanceof String name) {
            LinkedHashMap<String, LocatedNode.Entry> one = new LinkedHashMap<>();
            one.put(name, new LocatedNode.Entry(node, LocatedNode.scalar(node.file(), node.line(), node.column(), null)));
            return one;
        }
        if (!node.isMapping()) {
            throw node.error("expected " + what + " to be a mapping, got " + node.describe());
        }
        return node.entries();
    }
}
