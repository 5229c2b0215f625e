package dev.duet.inventory;

import dev.duet.yaml.Utf8Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an Ansible inventory, YAML or INI, chosen by extension and else by the first meaningful line,
 * with the {@code group_vars/} and {@code host_vars/} beside it and, when given, beside the playbook
 * (see {@link InventoryDraft} for the precedence).
 */
public final class InventoryLoader {
    private static final Pattern YAML_KEY = Pattern.compile("[^\\s=\\[]+:(\\s.*)?");

    public Inventory load(Path file) {
        return load(file, null);
    }

    /** {@code playbookDir} (may be null) adds the group_vars/ and host_vars/ beside the playbook. */
    public Inventory load(Path file, Path playbookDir) {
        return parse(file, Utf8Text.read(file), playbookDir);
    }

    /** Parses inventory text; {@code file} names it in errors and decides the format by extension. */
    public Inventory parse(Path file, String text) {
        return parse(file, text, null);
    }

    private Inventory parse(Path file, String text, Path playbookDir) {
        InventoryDraft draft = new InventoryDraft(file);
        if (isYaml(file, text)) {
            new YamlInventoryParser(draft).parse(file, text);
        } else {
            new IniInventoryParser(draft).parse(text);
        }
        List<AdjacentVars> beside = new ArrayList<>();
        Path inventoryDir = file.toAbsolutePath().normalize().getParent();
        if (inventoryDir != null) {
            beside.add(new AdjacentVars(inventoryDir));
        }
        if (playbookDir != null) {
            Path dir = playbookDir.toAbsolutePath().normalize();
            // the same directory read twice gives the same variables; read it once
            beside.add(dir.equals(inventoryDir) ? beside.get(0) : new AdjacentVars(dir));
        }
        return draft.build(beside);
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
