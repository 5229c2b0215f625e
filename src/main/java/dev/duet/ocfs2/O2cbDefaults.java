package dev.duet.ocfs2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits {@code /etc/default/o2cb} the way a person would: only the keys Duet manages change, in place;
 * every other line (comments, keys we do not know) stays as it was; missing keys are appended.
 */
public final class O2cbDefaults {
    public static final String PATH = "/etc/default/o2cb";
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*([A-Z0-9_]+)=(.*)$");

    private O2cbDefaults() {
    }

    /** {@code current} null means the file does not exist yet. */
    public static String apply(String current, Map<String, String> wanted) {
        List<String> lines = new ArrayList<>();
        if (current == null) {
            lines.add("# O2CB settings, managed by Duet for the keys it sets; other lines are kept.");
        } else if (!current.isEmpty()) {
            lines.addAll(List.of(current.split("\n", -1)));
            if (current.endsWith("\n")) {
                lines.remove(lines.size() - 1);
            }
        }
        Map<String, String> pending = new LinkedHashMap<>(wanted);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches() && wanted.containsKey(m.group(1))) {
                String key = m.group(1);
                if (pending.containsKey(key)) {
                    out.add(key + "=" + pending.remove(key));
                }
                // a second assignment of a managed key would override ours when sourced: drop it
                continue;
            }
            out.add(line);
        }
        pending.forEach((k, v) -> out.add(k + "=" + v));
        return String.join("\n", out) + "\n";
    }

    /** The value of {@code key} as the init script would read it (last assignment wins), unquoted. */
    public static String value(String text, String key) {
        if (text == null) {
            return null;
        }
        String found = null;
        for (String line : text.split("\n")) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches() && m.group(1).equals(key)) {
                found = m.group(2).strip().replaceAll("^[\"']|[\"']$", "");
            }
        }
        return found;
    }
}
