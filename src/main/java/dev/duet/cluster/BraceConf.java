package dev.duet.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * corosync.conf's brace format read as a tree, to compare two files by meaning: comments, blank lines,
 * indentation, and the order of keys and of sibling sections do not count; values and nesting do.
 * Lines are {@code key: value}, {@code name {} or {@code }}, as corosync's own parser wants them.
 */
public final class BraceConf {
    private BraceConf() {
    }

    /** The canonical text of {@code text}: each section's keys and child sections sorted; empty when malformed. */
    public static Optional<String> canonical(String text) {
        Section root = new Section("");
        List<Section> stack = new ArrayList<>(List.of(root));
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Section top = stack.get(stack.size() - 1);
            if (line.equals("}")) {
                if (stack.size() == 1) {
                    return Optional.empty();
                }
                stack.remove(stack.size() - 1);
            } else if (line.endsWith("{")) {
                String name = line.substring(0, line.length() - 1).strip();
                if (name.isEmpty() || name.contains(":") || name.contains(" ")) {
                    return Optional.empty();
                }
                Section s = new Section(name);
                top.children.add(s);
                stack.add(s);
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0 || line.contains("{") || line.contains("}")) {
                    return Optional.empty();
                }
                top.keys.add(line.substring(0, colon).strip() + ": " + line.substring(colon + 1).strip());
            }
        }
        return stack.size() == 1 ? Optional.of(root.canonical()) : Optional.empty();
    }

    /** True when both texts parse and mean the same. */
    public static boolean sameMeaning(String a, String b) {
        Optional<String> ca = canonical(a);
        return ca.isPresent() && ca.equals(canonical(b));
    }

    private static final class Section {
        final String name;
        final List<String> keys = new ArrayList<>();
        final List<Section> children = new ArrayList<>();

        Section(String name) {
            this.name = name;
        }

        String canonical() {
            List<String> parts = new ArrayList<>(keys.stream().sorted().toList());
            parts.addAll(children.stream().map(Section::canonical).sorted().toList());
            return name + "{" + parts.stream().collect(Collectors.joining(";")) + "}";
        }
    }
}
