package dev.duet.inventory;

import dev.duet.yaml.Utf8Text;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Reads an Ansible inventory, YAML or INI, chosen by extension and else by the first meaningful line. */
public final class InventoryLoader {
    private static final Pattern YAML_KEY = Pattern.compile("[^\\s=\\[]+:(\\s.*)?");

    public Inventory load(Path file) {
        return parse(file, Utf8Text.read(file));
    }

    /** Parses inventory text; {@code file} names it in errors and decides the format by extension. */
    public Inventory parse(Path file, String text) {
        InventoryDraft draft = new InventoryDraft(file);
        if (isYaml(file, text)) {
            new YamlInventoryParser(draft).parse(file, text);
        } else {
            new IniInventoryParser(draft).parse(text);
        }
        return draft.build();
    }

    static boolean isYaml(Path file, String text) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase();
        if (name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".ini") || name.endsWith(".cfg")) {
            return false;
        }
        for (String line : text.split("\r?\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            return s.startsWith("---") || s.startsWith("{") || YAML_KEY.matcher(s).matches();
        }
        return false;
    }
}
