package dev.duet.yaml;

import dev.duet.error.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML into {@link LocatedNode}s. Uses SnakeYAML's composer (the parser under Jackson's YAML
 * module) because it keeps every node's position, and resolves plain scalars as Ansible's PyYAML does
 * ({@link PyYamlResolver}): {@code become: yes} is a boolean, {@code flag: no} is false, {@code mode: 0644}
 * is the octal number 420.
 */
public final class LocatedYaml {
    /** Characters in one file: far above any playbook or inventory, far below what could exhaust memory. */
    static final int MAX_CHARS = 3 * 1024 * 1024;
    /** Nodes after alias expansion: a large playbook has a few thousand. */
    static final int MAX_NODES = 100_000;

    private LocatedYaml() {
    }

    public static LocatedNode read(Path file) {
        return parse(file, Utf8Text.read(file));
    }

    /** Parses one YAML document; an empty document is a null scalar at line 1. */
    public static LocatedNode parse(Path file, String text) {
        checkSize(file, text);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_CHARS + 1);
        // SnakeYAML's own limits (nesting depth, aliases of collections) throw without a position: the
        // recording parser remembers where it was, so the error can still name the line.
        RecordingParser parser = new RecordingParser(new ParserImpl(new StreamReader(text), options));
        Node root;
        try {
            root = new Composer(parser, new PyYamlResolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new InputException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "invalid YAML: " + what);
        } catch (RuntimeException e) {
            Mark m = parser.lastMark();
            throw new InputException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            return LocatedNode.scalar(file, 1, 1, null);
        }
        return new Expansion(file).convert(root);
    }

    /** Refuses a document larger than the limit, at the line where it crosses it. */
    private static void checkSize(Path file, String text) {
        if (text.length() <= MAX_CHARS) {
            return;
        }
        int line = 1;
        for (int i = 0; i < MAX_CHARS; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        throw new InputException(file, line, 0, "the file is larger than " + MAX_CHARS
                + " characters; a playbook or inventory is far smaller");
    }

    /**
     * Converts SnakeYAML's node graph, in which an alias is the anchored node itself, into a tree. The
     * tree holds each alias expanded, so a few hundred bytes of nested aliases could become millions of
     * nodes: the count is bounded.
     */
    private static final class Expansion {
        private final Path file;
        private int nodes;

        Expansion(Path file) {
            this.file = file;
        }

        LocatedNode convert(Node node) {
            if (++nodes > MAX_NODES) {
                throw new InputException(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1,
                        "YAML aliases expand to more than " + MAX_NODES + " nodes; write the repeated parts out"
                                + " instead of nesting aliases");
            }
            return LocatedYaml.convert(this, file, node);
        }
    }

    private static LocatedNode convert(Expansion expansion, Path file, Node node) {
        int line = node.getStartMark().getLine() + 1;
        int column = node.getStartMark().getColumn() + 1;
        if (node instanceof MappingNode map) {
            LinkedHashMap<String, LocatedNode.Entry> entries = new LinkedHashMap<>();
            Map<PyKey, LocatedNode> pyKeys = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                LocatedNode key = expansion.convert(t.getKeyNode());
                if (!key.isScalar() || key.isNull()) {
                    throw key.error("expected a plain key, got " + key.describe());
                }
                if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                    throw key.error("YAML merge keys ('<<') are not supported; write the keys out");
                }
                if (entries.containsKey(key.text())) {
                    throw key.error("duplicate key '" + key.text() + "'");
                }
                LocatedNode same = pyKeys.putIfAbsent(PyKey.of(key.value()), key);
                if (same != null) {
                    // Ansible's loader keeps the last value (with a warning): 1: and on: are one key to it
                    throw key.error("duplicate key '" + key.written() + "': YAML 1.1 (Ansible's loader) reads it as the"
                            + " same key as '" + same.written() + "' at line " + same.line() + "; quote the keys to keep both");
                }
                entries.put(key.text(), new LocatedNode.Entry(key, expansion.convert(t.getValueNode())));
            }
            return LocatedNode.mapping(file, line, column, entries);
        }
        if (node instanceof SequenceNode seq) {
            List<LocatedNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(expansion.convert(item));
            }
            return LocatedNode.sequence(file, line, column, items);
        }
        ScalarNode s = (ScalarNode) node;
        Object value = scalarValue(file, line, column, s);
        return s.getTag().equals(Tag.TIMESTAMP) ? LocatedNode.timestamp(file, line, column, (String) value)
                : LocatedNode.scalar(file, line, column, value, s.getValue());
    }

    private static Object scalarValue(Path file, int line, int column, ScalarNode s) {
        String text = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return switch (text.toLowerCase()) {
                case "yes", "true", "on" -> Boolean.TRUE;
                default -> Boolean.FALSE;
            };
        }
        if (tag.equals(Tag.INT)) {
            return YamlInts.value(text);
        }
        if (tag.equals(Tag.FLOAT)) {
            return YamlFloats.value(text);
        }
        if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
            return text;
        }
        if (tag.equals(PyYamlResolver.VALUE)) {
            throw new InputException(file, line, column, "'=' alone is YAML 1.1's value key, which Ansible cannot load"
                    + " (\"could not determine a constructor\"); quote it: '='");
        }
        throw new InputException(file, line, column, "unsupported YAML tag " + tag.getValue());
    }
}
