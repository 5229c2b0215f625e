package dev.duet.inventory;

import dev.duet.error.InputException;
import dev.duet.yaml.Utf8Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an Ansible inventory, YAML or INI, chosen by extension and else by the first meaningful line,
 * with the {@code group_vars/} and {@code host_vars/} beside it and, when given, beside the playbook
 * (see {@link InventoryDraft} for the precedence). Several sources (several {@code -i}) are read in order
 * into one inventory, as Ansible's InventoryManager reads them: a later source adds hosts, groups and
 * children and wins for a variable set at the same level (the same host, or the same group).
 */
public final class InventoryLoader {
    private static final Pattern YAML_KEY = Pattern.compile("[^\\s=\\[]+:(\\s.*)?");

    public Inventory load(Path file) {
        return load(file, null);
    }

    /**
     * {@code playbookDir} (may be null) adds the group_vars/ and host_vars/ beside the playbook. A directory
     * is read as Ansible reads one (see {@link InventoryDirectory}), its group_vars/ and host_vars/ inside it.
     */
    public Inventory load(Path file, Path playbookDir) {
        return load(List.of(file), playbookDir);
    }

    /**
     * The sources in order into one inventory, each a file, a directory, or a host list ({@link HostList}). Each source's own group_vars/ and
     * host_vars/ (beside a file, inside a directory) are read as Ansible's host_group_vars plugin reads them
     * for several sources: source by source, each for all of a host's groups, so a later source's
     * {@code group_vars/GROUP} wins over an earlier source's, whatever the groups' depths. A source that is
     * neither a file nor a directory is refused where Ansible would warn and go on without it: Duet does not
     * act on a smaller inventory than the one named.
     */
    public Inventory load(List<Path> sources, Path playbookDir) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no inventory source");
        }
        InventoryDraft draft = new InventoryDraft(sources.get(0));
        List<Path> varsDirs = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                for (Path f : InventoryDirectory.files(source)) {
                    draft.reading(f);
                    fill(draft, f, Utf8Text.read(f));
                }
                varsDirs.add(source.toAbsolutePath().normalize());
            } else if (Files.exists(source)) {
                draft.reading(source);
                fill(draft, source, Utf8Text.read(source));
                varsDirs.add(source.toAbsolutePath().normalize().getParent());
            } else if (HostList.is(source)) {
                HostList.read(draft, source);
            } else {
                throw missing(source);
            }
        }
        return build(draft, varsDirs, playbookDir);
    }

    private static InputException missing(Path source) {
        return new InputException(source, 0, 0, "no such file or directory; expected an inventory file (YAML or INI),"
                + " a directory of them, or a host list with a comma ('node1,node2,') (Ansible would warn and go on without this source; Duet does not run"
                + " against a smaller inventory than the one named)");
    }

    /** Parses inventory text; {@code file} names it in errors and decides the format by extension. */
    public Inventory parse(Path file, String text) {
        InventoryDraft draft = new InventoryDraft(file);
        fill(draft, file, text);
        return build(draft, List.of(file.toAbsolutePath().normalize().getParent()), null);
    }

    private static void fill(InventoryDraft draft, Path file, String text) {
        if (isYaml(file, text)) {
            new YamlInventoryParser(draft).parse(file, text);
        } else {
            new IniInventoryParser(draft).parse(text);
        }
    }

    /**
     * {@code inventoryDirs}: where each source's group_vars/ and host_vars/ are, in source order (a directory
     * named twice is read twice, as Ansible does: the later reading wins again).
     */
    private static Inventory build(InventoryDraft draft, List<Path> inventoryDirs, Path playbookDir) {
        Map<Path, AdjacentVars> read = new HashMap<>();
        List<AdjacentVars> beside = new ArrayList<>();
        for (Path dir : inventoryDirs) {
            if (dir != null) {
                beside.add(read.computeIfAbsent(dir, AdjacentVars::new));
            }
        }
        if (playbookDir != null) {
            // the same directory read twice gives the same variables; its files are read once
            beside.add(read.computeIfAbsent(playbookDir.toAbsolutePath().normalize(), AdjacentVars::new));
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
