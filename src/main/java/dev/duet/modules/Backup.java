package dev.duet.modules;

import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Ansible's {@code backup: yes}: the old file is copied aside as {@code PATH.<timestamp>~} before it is replaced. */
public final class Backup {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");

    private Backup() {
    }

    /** The backup's name for a copy taken now. */
    public static String nameFor(String path, Clock clock) {
        return path + "." + LocalDateTime.now(clock).format(STAMP) + "~";
    }

    /** Copies {@code path} aside (keeping mode, owner and times); returns the backup's path. */
    public static String copyAside(Node node, String path, Clock clock) {
        String target = nameFor(path, clock);
        node.run(Command.change("cp", "-p", "--", path, target)).orThrow(node.name());
        return target;
    }
}
