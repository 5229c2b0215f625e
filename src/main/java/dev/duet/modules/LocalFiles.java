package dev.duet.modules;

import dev.duet.step.Args;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a relative {@code src} is found, as Ansible looks: for a task in a role
 * ({@code roles/NAME/tasks/*.yml} or {@code handlers/}), the role's {@code files/} (copy) or
 * {@code templates/} (template) first; then the directory of the file the task is written in.
 */
final class LocalFiles {
    private LocalFiles() {
    }

    static Path resolve(Args args, String key, String roleDir) {
        Path src = Path.of(args.string(key));
        if (src.isAbsolute() || args.where() == null || args.where().file() == null) {
            return src;
        }
        Path dir = args.where().file().toAbsolutePath().getParent();
        if (dir == null) {
            return src;
        }
        if (dir.getFileName() != null && (dir.getFileName().toString().equals("tasks")
                || dir.getFileName().toString().equals("handlers")) && dir.getParent() != null) {
            Path inRole = dir.getParent().resolve(roleDir).resolve(src);
            if (Files.isRegularFile(inRole)) {
                return inRole;
            }
        }
        return dir.resolve(src);
    }
}
