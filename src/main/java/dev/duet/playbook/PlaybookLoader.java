package dev.duet.playbook;

import dev.duet.error.InputException;
import dev.duet.step.ModuleRegistry;
import dev.duet.yaml.LocatedNode;
import dev.duet.yaml.LocatedYaml;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Reads an Ansible-shaped playbook: a list of plays (see {@link PlayReader}) and {@code import_playbook}
 * entries, read in place. Every task is checked against the {@link ModuleRegistry} here, so a typo
 * is reported with file, line and column before any host is contacted.
 */
public final class PlaybookLoader {
    static final List<String> PLAY_KEYS = PlayReader.PLAY_KEYS;
    private static final int MAX_DEPTH = 20;

    private final PlayReader plays;
    private final Deque<Path> importing = new ArrayDeque<>();

    public PlaybookLoader(ModuleRegistry modules) {
        this.plays = new PlayReader(new TaskListReader(new TaskReader(modules)));
    }

    public Playbook load(Path file) {
        return read(LocatedYaml.read(file), file);
    }

    /** Parses playbook text; {@code file} names it in errors. */
    public Playbook parse(Path file, String text) {
        return read(LocatedYaml.parse(file, text), file);
    }

    private Playbook read(LocatedNode root, Path file) {
        List<Play> out = new ArrayList<>();
        readPlays(root, out);
        return new Playbook(file, out);
    }

    private void readPlays(LocatedNode root, List<Play> out) {
        if (!root.isSequence()) {
            throw root.error("expected a playbook: a list of plays (- name: ..., hosts: ..., tasks: ...), got "
                    + root.describe());
        }
        for (LocatedNode play : root.items()) {
            Map<String, LocatedNode.Entry> e = play.isMapping() ? play.entries() : Map.of();
            String key = e.containsKey("import_playbook") ? "import_playbook"
                    : e.containsKey("ansible.builtin.import_playbook") ? "ansible.builtin.import_playbook" : null;
            if (key != null) {
                importPlaybook(play, e, key, out);
            } else {
                out.add(plays.read(play));
            }
        }
    }

    private void importPlaybook(LocatedNode node, Map<String, LocatedNode.Entry> e, String key, List<Play> out) {
        for (String k : e.keySet()) {
            if (!k.equals(key) && !k.equals("name")) {
                throw e.get(k).key().error("unknown keyword '" + k + "' on import_playbook (known: name)");
            }
        }
        LocatedNode ref = e.get(key).value();
        Path file = PlayReader.base(node).resolve(Nodes.string(ref, "import_playbook"));
        Path real = file.toAbsolutePath().normalize();
        if (importing.contains(real) || importing.size() >= MAX_DEPTH) {
            throw ref.error("import_playbook of " + file + " imports itself or nests too deep (through " + importing + ")");
        }
        importing.push(real);
        try {
            readPlays(PlayReader.yamlFile(node, ref, "import_playbook"), out);
        } finally {
            importing.pop();
        }
    }

    /** {@code hosts: a:b} or a list, which Ansible joins into one pattern. */
    static String hosts(LocatedNode node) {
        if (node.isSequence()) {
            List<String> parts = new ArrayList<>();
            node.items().forEach(i -> parts.add(Nodes.string(i, "host pattern")));
            if (parts.isEmpty()) {
                throw node.error("expected at least one host pattern in hosts");
            }
            return String.join(":", parts);
        }
        String s = Nodes.string(node, "hosts");
        if (s.isBlank()) {
            throw new InputException(node.file(), node.line(), node.column(),
                    "expected hosts to name a group or host pattern, got nothing");
        }
        return s;
    }
}
