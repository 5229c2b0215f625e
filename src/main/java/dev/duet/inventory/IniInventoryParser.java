package dev.duet.inventory;

import dev.duet.error.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory: host lines ({@code name key=value ...}) before any section belong to
 * "ungrouped"; {@code [group]}, {@code [group:vars]} and {@code [group:children]} sections; whole-line
 * comments start with # or ;. {@code all} and {@code ungrouped} always exist, so {@code [all:vars]}
 * needs no {@code [all]}. Host entries may carry a port and ranges ({@link HostRanges}). Every value,
 * on a host line or in {@code [group:vars]}, goes through Python's literal_eval as in Ansible's ini.py
 * ({@link PyLiteral}): {@code 0x10} is 16, {@code True} a boolean, {@code yes} and {@code /dev/vdb} stay text.
 * (Ansible's documentation says {@code :vars} values stay strings; its code evaluates them the same way,
 * and that is what {@code ansible-inventory} shows, so Duet follows the code.)
 */
final class IniInventoryParser {
    private static final Pattern SECTION = Pattern.compile("\\[([^\\]:\\s]+)(?::([^\\]]*))?]\\s*([#;].*)?");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private enum Kind { HOSTS, VARS, CHILDREN }

    /** A reference to a group that must be defined somewhere in the file. */
    private record Reference(String group, String what, int line, int column) {
    }

    private final InventoryDraft draft;
    private final Path file;
    private final List<Reference> references = new ArrayList<>();
    /** Groups a [g:vars] or [p:children] may name: all, ungrouped, earlier files' groups, and this file's. */
    private final java.util.Set<String> definedBySection;

    IniInventoryParser(InventoryDraft draft) {
        this.draft = draft;
        this.file = draft.file();
        // as ini.py, which looks the group up in the inventory read so far: a directory's 02 may give
        // [g:vars] for a [g] of 01 (ansible-inventory 2.14 reads it)
        this.definedBySection = draft.groupNames();
    }

    void parse(String text) {
        Kind kind = Kind.HOSTS;
        InventoryDraft.Group group = draft.group(InventoryDraft.UNGROUPED, 1, 1);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int indent = raw.indexOf(line.charAt(0)) + 1;
            Matcher m = SECTION.matcher(line);
            // as ini.py: a line that is no section header but ends in ']' is a broken one; any other line
            // starting with '[' is a host ([fe80::1]:2201, [a:c]-node)
            if (m.matches() || line.startsWith("[") && line.endsWith("]")) {
                if (!m.matches()) {
                    throw new InputException(file, lineNo, indent,
                            "expected a section header [group], [group:vars] or [group:children], got '" + line + "'");
                }
                String suffix = m.group(2);
                kind = suffix == null ? Kind.HOSTS : switch (suffix) {
                    case "vars" -> Kind.VARS;
                    case "children" -> Kind.CHILDREN;
                    default -> throw new InputException(file, lineNo, indent + m.start(2),
                            "expected :vars or :children after the group name, got ':" + suffix + "'");
                };
                group = draft.group(m.group(1), lineNo, indent + 1);
                if (kind == Kind.HOSTS || kind == Kind.CHILDREN) {
                    definedBySection.add(group.name);
                } else {
                    references.add(new Reference(group.name, "section [" + group.name + ":vars]", lineNo, indent));
                }
                continue;
            }
            switch (kind) {
                case HOSTS -> hostLine(group, raw, lineNo);
                case VARS -> varLine(group, raw, line, lineNo, indent);
                case CHILDREN -> childLine(group, raw, lineNo);
                default -> throw new IllegalStateException();
            }
        }
        for (Reference r : references) {
            if (!definedBySection.contains(r.group())) {
                throw new InputException(file, r.line(), r.column(),
                        r.what() + " refers to group '" + r.group() + "', which no [" + r.group()
                                + "] or [" + r.group() + ":children] section defines");
            }
        }
    }

    private void hostLine(InventoryDraft.Group group, String raw, int lineNo) {
        List<IniTokens.Token> tokens = IniTokens.split(file, lineNo, raw);
        if (tokens.isEmpty()) {
            return;
        }
        IniTokens.Token first = tokens.get(0);
        HostRanges.Entry entry = HostRanges.parse(first.text(), file, lineNo, first.column());
        for (String name : entry.names()) {
            draft.addHost(group, name, entry.port(), lineNo, first.column());
        }
        for (IniTokens.Token t : tokens.subList(1, tokens.size())) {
            int eq = t.text().indexOf('=');
            if (eq < 0) {
                throw new InputException(file, lineNo, t.column(),
                        "expected key=value after host '" + first.text() + "', got '" + t.text() + "'");
            }
            String key = t.text().substring(0, eq);
            checkVarName(key, lineNo, t.column());
            Object value = PyLiteral.eval(t.text().substring(eq + 1));
            for (String name : entry.names()) {
                draft.hostVar(name, key, value, lineNo, t.column());
            }
        }
    }

    private void varLine(InventoryDraft.Group group, String raw, String line, int lineNo, int indent) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new InputException(file, lineNo, indent,
                    "expected key=value in [" + group.name + ":vars], got '" + line + "'");
        }
        String key = line.substring(0, eq).strip();
        checkVarName(key, lineNo, indent);
        // the whole rest of the line, a '# comment' included unless the value is a Python literal
        Object value = PyLiteral.eval(line.substring(eq + 1).strip());
        draft.groupVar(group, key, value, lineNo, indent);
    }

    private void childLine(InventoryDraft.Group group, String raw, int lineNo) {
        List<IniTokens.Token> tokens = IniTokens.split(file, lineNo, raw);
        if (tokens.size() != 1) {
            throw new InputException(file, lineNo, tokens.get(tokens.size() > 1 ? 1 : 0).column(),
                    "expected one group name per line in [" + group.name + ":children]");
        }
        IniTokens.Token t = tokens.get(0);
        InventoryDraft.Group child = draft.group(t.text(), lineNo, t.column());
        draft.addChild(group, child.name, lineNo, t.column());
        references.add(new Reference(child.name, "[" + group.name + ":children]", lineNo, t.column()));
    }

    private void checkVarName(String key, int lineNo, int column) {
        if (!VAR_NAME.matcher(key).matches()) {
            throw new InputException(file, lineNo, column,
                    "expected a variable name (letters, digits, _), got '" + key + "'");
        }
    }
}
