package dev.duet.yaml;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it was written (1-based line and column), so every error about
 * a playbook or inventory can point at the offending key or value. Mappings keep their keys' nodes.
 */
public final class LocatedNode {
    public enum Kind { MAPPING, SEQUENCE, SCALAR }

    /** One mapping entry: the key's own node (for its position) and the value. */
    public record Entry(LocatedNode key, LocatedNode value) {
        public String name() {
            return key.text();
        }
    }

    private final Path file;
    private final int line;
    private final int column;
    private final Kind kind;
    private final Object scalar;
    private final List<LocatedNode> items;
    private final Map<String, Entry> entries;
    /** A plain scalar YAML 1.1 resolves as a timestamp; its value is its text all the same. */
    private final boolean timestamp;
    /** A scalar as written in the file ({@code on} for the boolean true), for messages. */
    private final String written;

    private LocatedNode(Path file, int line, int column, Kind kind, Object scalar,
                        List<LocatedNode> items, Map<String, Entry> entries, boolean timestamp, String written) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.kind = kind;
        this.scalar = scalar;
        this.items = items;
        this.entries = entries;
        this.timestamp = timestamp;
        this.written = written;
    }

    private LocatedNode(Path file, int line, int column, Kind kind, Object scalar,
                        List<LocatedNode> items, Map<String, Entry> entries) {
        this(file, line, column, kind, scalar, items, entries, false, null);
    }

    public static LocatedNode scalar(Path file, int line, int column, Object value) {
        return scalar(file, line, column, value, value == null ? "" : String.valueOf(value));
    }

    /** A scalar read from YAML: its value, and its text as written ({@code on} for true). */
    static LocatedNode scalar(Path file, int line, int column, Object value, String written) {
        return new LocatedNode(file, line, column, Kind.SCALAR, value, List.of(), Map.of(), false, written);
    }

    /** A plain timestamp ({@code 2024-01-02}): its value is its text, {@link #toAnsible()} a {@link YamlTimestamp}. */
    public static LocatedNode timestamp(Path file, int line, int column, String text) {
        return new LocatedNode(file, line, column, Kind.SCALAR, text, List.of(), Map.of(), true, text);
    }

    public static LocatedNode sequence(Path file, int line, int column, List<LocatedNode> items) {
        return new LocatedNode(file, line, column, Kind.SEQUENCE, null, List.copyOf(items), Map.of());
    }

    public static LocatedNode mapping(Path file, int line, int column, LinkedHashMap<String, Entry> entries) {
        return new LocatedNode(file, line, column, Kind.MAPPING, null, List.of(),
                Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNull() {
        return kind == Kind.SCALAR && scalar == null;
    }

    public boolean isMapping() {
        return kind == Kind.MAPPING;
    }

    public boolean isSequence() {
        return kind == Kind.SEQUENCE;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    /** The scalar's value: String, Integer/Long, Double, Boolean or null. */
    public Object value() {
        return scalar;
    }

    /** The scalar as text (numbers and booleans as written by Java); null for a null scalar. */
    public String text() {
        return scalar == null ? null : String.valueOf(scalar);
    }

    /** The scalar as written in the file ({@code on} for the boolean true). */
    public String written() {
        return written;
    }

    /** True for a scalar Ansible's YAML loader reads as text: not a number, boolean, null or date. */
    public boolean isText() {
        return kind == Kind.SCALAR && scalar instanceof String && !timestamp;
    }

    /**
     * Refuses a scalar that is not text where Ansible needs a name ({@code what}: "a group name"), saying
     * what YAML 1.1 made of it: {@code on:} is the boolean true, {@code 1:} the integer 1.
     */
    public void requireText(String what) {
        if (!isText()) {
            throw error("expected " + what + " as text, got '" + written + "', which YAML 1.1 (Ansible's loader) reads"
                    + " as " + reading() + "; quote it: '" + written + "'");
        }
    }

    private String reading() {
        if (timestamp) {
            return "a date";
        }
        if (scalar == null) {
            return "null";
        }
        if (scalar instanceof Boolean b) {
            return "the boolean " + b;
        }
        return (scalar instanceof Double ? "the float " : "the integer ") + scalar;
    }

    public List<LocatedNode> items() {
        return items;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Args.Location location() {
        return new Args.Location(file, line, column);
    }

    public InputException error(String message) {
        return new InputException(file, line, column, message);
    }

    /** Describes the node's shape for "expected X, got Y" messages. */
    public String describe() {
        return switch (kind) {
            case MAPPING -> "a mapping";
            case SEQUENCE -> "a list";
            case SCALAR -> scalar == null ? "nothing" : "'" + scalar + "'";
        };
    }

    /**
     * Refuses keys ansible-inventory 2.14 cannot list: a date (its JSON output fails: "keys must be str, int,
     * float, bool or None"), and text beside numbers or booleans in one mapping (Python cannot sort them, so
     * it warns and lists the whole inventory unsorted).
     */
    private void loadedKeys() {
        LocatedNode text = null;
        LocatedNode other = null;
        for (Entry e : entries.values()) {
            LocatedNode k = e.key();
            if (k.timestamp) {
                throw k.error("'" + k.written + "' as a key is a date to YAML 1.1 (Ansible's loader), which"
                        + " ansible-inventory cannot write as JSON; quote it: '" + k.written + "'");
            }
            if (k.isText()) {
                text = text == null ? k : text;
            } else {
                other = other == null ? k : other;
            }
            if (text != null && other != null) {
                throw k.error("this mapping has text keys ('" + text.written + "', line " + text.line + ") and keys YAML 1.1"
                        + " reads as " + other.reading() + " ('" + other.written + "', line " + other.line + "), which"
                        + " ansible-inventory cannot sort; quote the keys, or write them all as numbers");
            }
        }
    }

    /** This node's value as plain Java (LinkedHashMap, ArrayList, scalars), positions dropped. */
    public Object toPlain() {
        switch (kind) {
            case MAPPING -> {
                Map<String, Object> out = new LinkedHashMap<>();
                entries.forEach((k, e) -> out.put(k, e.value().toPlain()));
                return out;
            }
            case SEQUENCE -> {
                List<Object> out = new ArrayList<>();
                items.forEach(i -> out.add(i.toPlain()));
                return out;
            }
            default -> {
                return scalar;
            }
        }
    }

    /**
     * As {@link #toPlain()}, but as Ansible's YAML loader holds it: a plain timestamp a {@link YamlTimestamp}
     * (Python's date or datetime), and a mapping's keys typed ({@code {80: http, on: x}} has the keys 80 and
     * true, not text). A timestamp that names no date (2024-02-30), which Ansible cannot load, is an error at
     * its line; so are keys ansible-inventory cannot list ({@link #loadedKeys()}).
     */
    public Object toAnsible() {
        switch (kind) {
            case MAPPING -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                entries.values().forEach(e -> out.put(e.key().value(), e.value().toAnsible()));
                loadedKeys();
                return out;
            }
            case SEQUENCE -> {
                List<Object> out = new ArrayList<>();
                items.forEach(i -> out.add(i.toAnsible()));
                return out;
            }
            default -> {
                if (!timestamp) {
                    return scalar;
                }
                try {
                    return YamlTimestamp.of((String) scalar);
                } catch (IllegalArgumentException e) {
                    throw error("'" + scalar + "' is a YAML timestamp (unquoted), which Ansible loads as a date, but "
                            + e.getMessage() + "; quote it to keep it text");
                }
            }
        }
    }
}
