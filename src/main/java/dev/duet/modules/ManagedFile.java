package dev.duet.modules;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.transport.FileProbe;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A file Duet owns: its wanted content, mode and owner. {@code check} compares with the node (content,
 * then {@code stat} for mode/owner) and returns a unified diff; {@code write} puts it in place atomically;
 * {@code put} writes only when something differs and says what it did. A sensitive file (holding a secret) never shows its content in a diff.
 */
public final class ManagedFile {
    private final String path;
    private final byte[] wanted;
    private final String mode;
    private final String owner;
    private final boolean sensitive;

    public ManagedFile(String path, byte[] wanted, String mode, String owner, boolean sensitive) {
        this.path = path;
        this.wanted = wanted.clone();
        this.mode = mode;
        this.owner = owner;
        this.sensitive = sensitive;
    }

    public static ManagedFile text(String path, String content, String mode) {
        return new ManagedFile(path, content.getBytes(StandardCharsets.UTF_8), mode, "root:root", false);
    }

    public ManagedFile sensitive() {
        return new ManagedFile(path, wanted, mode, owner, true);
    }

    public String path() {
        return path;
    }

    public String content() {
        return new String(wanted, StandardCharsets.UTF_8);
    }

    public Check check(Node node) {
        Pending p = pending(node);
        return switch (p.kind()) {
            case CREATE -> Check.change(path + " would be created", p.diff());
            case UPDATE -> Check.change(path + " would be updated", p.diff());
            case ATTRIBUTES -> Check.change(path + " attributes " + p.actualAttrs() + " would become " + wantedAttrs());
            case NONE -> Check.ok(path + " is up to date");
        };
    }

    public void write(Node node) {
        node.writeFile(path, wanted, mode, owner);
    }

    /** Writes the file when it differs from the node (content, mode or owner) and says what that did. */
    public Done put(Node node) {
        Pending p = pending(node);
        if (p.kind() == Pending.Kind.NONE) {
            return Done.unchanged(path + " is up to date");
        }
        write(node);
        return switch (p.kind()) {
            case CREATE -> Done.changed("created " + path, p.diff());
            case UPDATE -> Done.changed("updated " + path, p.diff());
            default -> Done.changed("changed attributes of " + path + " from " + p.actualAttrs() + " to "
                    + wantedAttrs());
        };
    }

    /** What writing the file would change; {@code actualAttrs} only when the content is already right. */
    private record Pending(Kind kind, String diff, String actualAttrs) {
        enum Kind { CREATE, UPDATE, ATTRIBUTES, NONE }
    }

    private Pending pending(Node node) {
        FileProbe probe = node.probeFile(path);
        Optional<byte[]> current = probe.content();
        if (current.isEmpty()) {
            return new Pending(Pending.Kind.CREATE, diff(null), null);
        }
        if (!Arrays.equals(current.get(), wanted)) {
            return new Pending(Pending.Kind.UPDATE, diff(new String(current.get(), StandardCharsets.UTF_8)), null);
        }
        String actual = probe.stat().orThrow(node.name()).stdout().strip();
        String[] parts = actual.split(" ");
        boolean modeOk = mode == null || parts[0].equals(normalMode(mode));
        boolean ownerOk = owner == null || (parts.length > 1 && parts[1].equals(normalOwner(owner)));
        return new Pending(modeOk && ownerOk ? Pending.Kind.NONE : Pending.Kind.ATTRIBUTES, null, actual);
    }

    private String wantedAttrs() {
        return normalMode(mode) + " " + normalOwner(owner);
    }

    private String diff(String before) {
        if (sensitive) {
            return "--- " + path + "\n+++ " + path + "\n(content not shown: the file holds a secret)\n";
        }
        return unifiedDiff(path, before, content());
    }

    /** A unified diff of two texts; {@code before} null means the file does not exist yet. */
    public static String unifiedDiff(String path, String before, String after) {
        List<String> a = before == null ? List.of() : lines(before);
        List<String> b = lines(after);
        var patch = DiffUtils.diff(a, b);
        List<String> out = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(
                before == null ? "/dev/null" : path, path, a, patch, 3));
        return String.join("\n", out) + "\n";
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.endsWith("\n")
                ? text.split("\n", -1).length - 1 : text.split("\n", -1).length);
    }

    private static String normalMode(String m) {
        if (m == null) {
            return "";
        }
        String s = m.replaceFirst("^0+(?=.)", "");
        return s;
    }

    private static String normalOwner(String o) {
        if (o == null) {
            return "";
        }
        return o.contains(":") ? o : o + ":" + o;
    }
}
