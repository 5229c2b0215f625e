package dev.duet.cli;

import dev.duet.error.InputException;
import dev.duet.yaml.LocatedNode;
import dev.duet.yaml.LocatedYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -e} values as Ansible's load_extra_vars reads them: {@code @FILE} (YAML or JSON), inline YAML
 * or JSON starting with {@code {} or {@code [}, else {@code key=value} words as its parse_kv splits them
 * ({@code -e "k=v w"} gives {@code k=v} and {@code _raw_params=w}; quotes around a value are removed;
 * values stay strings). Later {@code -e} options win. Password variables are refused (keys only).
 */
final class ExtraVars {
    private static final Set<String> SECRETS = Set.of("ansible_password", "ansible_ssh_pass", "ansible_ssh_password",
            "ansible_become_pass", "ansible_become_password", "ansible_sudo_pass");

    private ExtraVars() {
    }

    static Map<String, Object> parse(List<String> options) {
        return parse(options, false);
    }

    /** As {@link #parse(List)}, a YAML timestamp as Ansible loads it (a date, for a listing: see LocatedNode.toAnsible). */
    static Map<String, Object> parseAsLoaded(List<String> options) {
        return parse(options, true);
    }

    private static Map<String, Object> parse(List<String> options, boolean asLoaded) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String opt : options) {
            if (opt == null || opt.isEmpty()) {
                continue;
            }
            out.putAll(one(opt, asLoaded));
        }
        for (String key : out.keySet()) {
            if (SECRETS.contains(key)) {
                throw new InputException("-e " + key + " is set, but Duet logs in with SSH keys only and becomes root"
                        + " with passwordless sudo; remove it (a password on the command line is visible to every local user)");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> one(String opt, boolean asLoaded) {
        if (opt.startsWith("@")) {
            return mapping(LocatedYaml.read(Path.of(opt.substring(1))), opt, asLoaded);
        }
        if (opt.startsWith("/") || opt.startsWith(".")) {
            throw new InputException("-e '" + opt + "': to read variables from a file, write -e @" + opt);
        }
        if (opt.startsWith("{") || opt.startsWith("[")) {
            return mapping(LocatedYaml.parse(Path.of("-e"), opt), opt, asLoaded);
        }
        return keyValues(opt);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(LocatedNode node, String opt, boolean asLoaded) {
        if (!node.isMapping()) {
            throw node.error("-e '" + opt + "' must give a mapping of variables (name: value), got " + node.describe());
        }
        if (!asLoaded) {
            return (Map<String, Object>) node.toPlain();
        }
        Map<String, Object> out = new LinkedHashMap<>(); // the names as text, the values as Ansible loads them
        node.entries().forEach((name, e) -> out.put(name, e.value().toAnsible()));
        return out;
    }

    /** Ansible's parse_kv (check_raw off): words with an unescaped = past the first character are key=value. */
    static Map<String, Object> keyValues(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> raw = new ArrayList<>();
        for (String word : words(text)) {
            int pos = -1;
            for (int i = 1; i < word.length(); i++) {
                if (word.charAt(i) == '=' && word.charAt(i - 1) != '\\') {
                    pos = i;
                    break;
                }
            }
            if (pos < 0) {
                raw.add(word.replace("\\=", "="));
                continue;
            }
            out.put(word.substring(0, pos).strip(), unquote(word.substring(pos + 1).strip()));
        }
        if (!raw.isEmpty()) {
            out.put("_raw_params", String.join(" ", raw));
        }
        return out;
    }

    /** Ansible's split_args: whitespace separates words except inside quotes and {{ }}; quotes are kept. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        int braces = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escaped = i > 0 && text.charAt(i - 1) == '\\';
            if (quote == 0 && braces == 0 && Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            if ((c == '"' || c == '\'') && !escaped) {
                quote = quote == 0 ? c : (quote == c ? 0 : quote);
            } else if (quote == 0 && text.startsWith("{{", i)) {
                braces++;
            } else if (quote == 0 && braces > 0 && text.startsWith("}}", i)) {
                braces--;
            }
            word.append(c);
        }
        if (quote != 0 || braces != 0) {
            throw new InputException("-e '" + text + "': unbalanced " + (quote != 0 ? "quote " + quote : "{{ }}"));
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() > 1 && v.charAt(0) == v.charAt(v.length() - 1) && (v.charAt(0) == '"' || v.charAt(0) == '\'')
                && v.charAt(v.length() - 2) != '\\') {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
