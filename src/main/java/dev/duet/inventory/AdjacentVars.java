package dev.duet.inventory;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import dev.duet.yaml.LocatedNode;
import dev.duet.yaml.LocatedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code group_vars/} and {@code host_vars/} under one directory (beside the inventory or the playbook),
 * read as Ansible's host_group_vars plugin does: for a group or host NAME the first of {@code NAME} (a
 * file, or a directory of files read in sorted order, recursively), {@code NAME.yml}, {@code NAME.yaml},
 * {@code NAME.json}; inside a directory only files without extension or with those three, hidden files
 * and backups ({@code ~}) skipped; empty files ignored; later files win.
 */
final class AdjacentVars {
    private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".json");

    /** Variables from one source with where each was written. */
    record Layer(Map<String, Object> vars, Map<String, Args.Location> origins) {
        static final Layer EMPTY = new Layer(Map.of(), Map.of());
    }

    private final Path dir;
    private final Map<String, Layer> cache = new HashMap<>();

    AdjacentVars(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Layer group(String name) {
        return cache.computeIfAbsent("group_vars/" + name, k -> load(dir.resolve("group_vars"), name));
    }

    Layer host(String name) {
        return cache.computeIfAbsent("host_vars/" + name, k -> load(dir.resolve("host_vars"), name));
    }

    private static Layer load(Path subdir, String name) {
        if (!Files.isDirectory(subdir)) {
            return Layer.EMPTY;
        }
        List<Path> files = new ArrayList<>();
        for (String ext : Stream.concat(Stream.of(""), EXTENSIONS.stream()).toList()) {
            Path candidate = subdir.resolve(name + ext);
            if (Files.exists(candidate)) {
                if (Files.isDirectory(candidate)) {
                    collect(candidate, files);
                } else {
                    files.add(candidate);
                }
                break;
            }
        }
        if (files.isEmpty()) {
            return Layer.EMPTY;
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Args.Location> origins = new LinkedHashMap<>();
        for (Path f : files) {
            read(f, vars, origins);
        }
        return new Layer(vars, origins);
    }

    private static void collect(Path directory, List<Path> out) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new InputException(directory, 0, 0, "cannot list variables directory: " + e.getMessage());
        }
        for (Path p : entries) {
            String n = p.getFileName().toString();
            if (n.startsWith(".") || n.endsWith("~")) {
                continue;
            }
            String ext = extension(n);
            if (Files.isDirectory(p) && ext.isEmpty()) {
                collect(p, out);
            } else if (Files.isRegularFile(p) && (ext.isEmpty() || EXTENSIONS.contains(ext))) {
                out.add(p);
            }
        }
    }

    /** Python's os.path.splitext: the last dot that is not leading. */
    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int firstNonDot = 0;
        while (firstNonDot < name.length() && name.charAt(firstNonDot) == '.') {
            firstNonDot++;
        }
        return dot > firstNonDot ? name.substring(dot) : "";
    }

    private static void read(Path file, Map<String, Object> vars, Map<String, Args.Location> origins) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, 0, 0, "cannot read variables file: " + e.getMessage());
        }
        if (text.startsWith("$ANSIBLE_VAULT")) {
            throw new InputException(file, 1, 1, "this variables file is encrypted with ansible-vault, which Duet"
                    + " cannot decrypt; keep secrets out of Duet's inventory (SSH keys only)");
        }
        LocatedNode root = LocatedYaml.parse(file, text);
        if (root.isNull()) {
            return;
        }
        if (!root.isMapping()) {
            throw root.error("expected a mapping of variables (name: value), got " + root.describe());
        }
        for (LocatedNode.Entry e : root.entries().values()) {
            e.key().requireText("a variable name"); // Ansible would hold on: as the variable True, which no template names
            String key = e.name();
            Args.Location at = e.key().location();
            Object value = e.value().toAnsible();
            HostValidation.var(key, value, file, at.line(), at.column());
            vars.put(key, value);
            origins.put(key, at);
        }
    }
}
