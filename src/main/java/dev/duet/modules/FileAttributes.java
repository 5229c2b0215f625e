package dev.duet.modules;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.Optional;

/**
 * A remote file's mode ("0644") and owner ("root:root"), read with {@code stat}. Edits that rewrite a
 * file through a temp name and rename must carry these over, or the file would silently lose them.
 */
public record FileAttributes(String mode, String owner) {
    /** The attributes of {@code path}, empty when it does not exist. */
    public static Optional<FileAttributes> stat(Node node, String path) {
        CommandResult r = node.run(Command.probe("stat", "-c", "%a %U:%G", path));
        if (!r.ok()) {
            return Optional.empty();
        }
        String[] parts = r.stdout().strip().split(" ");
        if (parts.length != 2 || !parts[0].matches("[0-7]{3,4}")) {
            throw new dev.duet.error.DuetException(dev.duet.error.Reason.PRECONDITION, node.name()
                    + ": expected `stat -c '%a %U:%G' " + path + "` to print mode and owner, got '"
                    + r.stdout().strip() + "'");
        }
        String mode = parts[0].length() == 3 ? "0" + parts[0] : parts[0];
        return Optional.of(new FileAttributes(mode, parts[1]));
    }
}
