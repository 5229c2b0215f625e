package dev.duet.ocfs2;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster name corosync runs with, read from corosync.conf: an OCFS2 on Pacemaker's stack or a GFS2
 * carries it in its superblock, and a node whose cluster has another name refuses to mount it.
 */
final class CorosyncName {
    static final String PATH = "/etc/corosync/corosync.conf";
    private static final Pattern NAME = Pattern.compile("(?m)^\\s*cluster_name\\s*:\\s*(\\S+)\\s*$");

    private CorosyncName() {
    }

    static Optional<String> read(Node node) {
        return node.readFile(PATH).map(b -> new String(b, StandardCharsets.UTF_8)).flatMap(text -> {
            Matcher m = NAME.matcher(text);
            String found = null;
            while (m.find()) {
                found = m.group(1);
            }
            return Optional.ofNullable(found);
        });
    }

    /**
     * Refuses a name that differs from corosync's. A node without corosync.conf is refused too, except in
     * check mode, where an earlier task of the same plan would write it.
     */
    static void require(Node node, String wanted, boolean checkMode) {
        Optional<String> actual = read(node);
        if (actual.isEmpty()) {
            if (checkMode) {
                return;
            }
            throw new DuetException(Reason.PRECONDITION, node.name() + ": no cluster_name in " + PATH + "; the"
                    + " filesystem names the corosync cluster '" + wanted + "', so corosync must be configured first");
        }
        if (!actual.get().equals(wanted)) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": corosync's cluster_name is '" + actual.get()
                    + "' but the filesystem task says cluster_name '" + wanted + "'; a filesystem made for another"
                    + " cluster name cannot be mounted here: use the corosync task's cluster_name");
        }
    }
}
