package dev.duet.modules;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;

/**
 * What is at a path, read without following a symlink ({@code stat -c '%F|%a|%U:%G'}, and
 * {@code readlink} for a link): its kind, mode ("0644"), owner ("root:root") and a link's target.
 * Only "No such file" means absent; any other failed read is unknown and fails the task.
 */
record FileState(Kind kind, String mode, String owner, String target) {
    enum Kind { ABSENT, FILE, DIRECTORY, LINK, OTHER }

    static final FileState ABSENT = new FileState(Kind.ABSENT, null, null, null);

    static FileState read(Node node, String path) {
        CommandResult r = node.run(Command.probe("stat", "-c", "%F|%a|%U:%G", "--", path));
        if (!r.ok()) {
            if (r.stderr().contains("No such file")) {
                return ABSENT;
            }
            r.orThrow(node.name());
        }
        String[] f = r.stdout().strip().split("\\|", -1);
        if (f.length != 3 || !f[1].matches("[0-7]{3,4}")) {
            throw new DuetException(Reason.COMMAND_FAILED, node.name() + ": unexpected stat output for " + path
                    + ": '" + r.stdout().strip() + "'");
        }
        String mode = f[1].length() == 3 ? "0" + f[1] : f[1];
        Kind kind = switch (f[0]) {
            case "regular file", "regular empty file" -> Kind.FILE;
            case "directory" -> Kind.DIRECTORY;
            case "symbolic link" -> Kind.LINK;
            default -> Kind.OTHER;
        };
        String target = null;
        if (kind == Kind.LINK) {
            target = node.run(Command.probe("readlink", "--", path)).orThrow(node.name()).stdout().strip();
        }
        return new FileState(kind, mode, f[2], target);
    }

    String describe() {
        return switch (kind) {
            case ABSENT -> "absent";
            case FILE -> "a file";
            case DIRECTORY -> "a directory";
            case LINK -> "a link to " + target;
            case OTHER -> "neither file, directory nor link";
        };
    }
}
