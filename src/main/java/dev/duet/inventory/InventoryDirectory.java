package dev.duet.inventory;

import dev.duet.error.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a directory given as the inventory, in the order Ansible's InventoryManager reads them:
 * each entry by sorted name (byte order), subdirectories in place, skipping what it always skips (hidden
 * names, group_vars, host_vars, vars_plugins) and the default INVENTORY_IGNORE_EXTS endings, {@code .ini}
 * among them (ansible-inventory 2.14 skips a {@code hosts.ini} inside the directory; only a file given to -i
 * itself is read whatever its ending). A file Ansible would run as an inventory script (executable, or
 * starting with #!) is refused: Duet runs nothing local.
 */
final class InventoryDirectory {
    private static final Pattern IGNORED = Pattern.compile(String.join("|",
            "^\\.", "^host_vars$", "^group_vars$", "^vars_plugins$",
            "(\\.pyc|\\.pyo|\\.swp|\\.bak|~|\\.rpm|\\.md|\\.txt|\\.rst|\\.orig|\\.ini|\\.cfg|\\.retry)$"));

    private InventoryDirectory() {
    }

    static List<Path> files(Path dir) {
        List<Path> out = new ArrayList<>();
        collect(dir, out);
        return out;
    }

    private static void collect(Path dir, List<Path> out) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = new ArrayList<>(list.filter(p -> !IGNORED.matcher(p.getFileName().toString()).find()).toList());
        } catch (IOException e) {
            throw new InputException(dir, 0, 0, "cannot read inventory directory: " + e.getMessage());
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b)));
        for (Path p : entries) {
            if (Files.isDirectory(p)) {
                collect(p, out);
            } else {
                refuseScript(p);
                out.add(p);
            }
        }
    }

    private static byte[] bytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void refuseScript(Path file) {
        boolean shebang;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            shebang = start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (IOException e) {
            throw new InputException(file, 0, 0, "cannot read inventory file: " + e.getMessage());
        }
        if (shebang || Files.isExecutable(file)) {
            throw new InputException(file, 0, 0, "Ansible would run this as an inventory script (it is "
                    + (shebang ? "a #! script" : "executable") + "); Duet reads static inventories only: "
                    + "save its output as a YAML/JSON file (ansible-inventory --list --yaml), or remove the x bit");
        }
    }
}
