package dev.duet.yaml;

import dev.duet.error.InputException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into {@link LocatedNode}s. Uses SnakeYAML's composer (the parser under Jackson's YAML
 * module) because it keeps every node's position and resolves plain scalars by YAML 1.1 rules, as
 * Ansible's PyYAML does: {@code become: yes} is a boolean, {@code flag: no} is false, {@code mode: 0644}
 * is the octal number 420.
 */
public final class LocatedYaml {
    private LocatedYaml() {
    }

    public static LocatedNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, 0, 0, "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Parses one YAML document; an empty document is a null scalar at line 1. */
    public static LocatedNode parse(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = yaml.compose(reader);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new InputException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "invalid YAML: " + what);
        } catch (RuntimeException | IOException e) {
            throw new InputException(file, 0, 0, "invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            return LocatedNode.scalar(file, 1, 1, null);
        }
        return convert(file, root);
    }

    private static LocatedNode convert(Path file, Node node) {
        int line = node.getStartMark().getLine() + 1;
        int column = node.getStartMark().getColumn() + 1;
        if (node instanceof MappingNode map) {
            LinkedHashMap<String, LocatedNode.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                LocatedNode key = convert(file, t.getKeyNode());
                if (!key.isScalar() || key.isNull()) {
                    throw key.error("expected a plain key, got " + key.describe());
                }
                if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                    throw key.error("YAML merge keys ('<<') are not supported; write the keys out");
                }
                if (entries.containsKey(key.text())) {
                    throw key.error("duplicate key '" + key.text() + "'");
                }
                entries.put(key.text(), new LocatedNode.Entry(key, convert(file, t.getValueNode())));
            }
            return LocatedNode.mapping(file, line, column, entries);
        }
        if (node instanceof SequenceNode seq) {
            List<LocatedNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(file, item));
            }
            return LocatedNode.sequence(file, line, column, items);
        }
        ScalarNode s = (ScalarNode) node;
        return LocatedNode.scalar(file, line, column, scalarValue(file, line, column, s));
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
            try {
                return Double.valueOf(text.replace("_", ""));
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
            return text;
        }
        throw new InputException(file, line, column, "unsupported YAML tag " + tag.getValue());
    }
}
