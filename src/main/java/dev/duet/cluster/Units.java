package dev.duet.cluster;

import dev.duet.transport.Command;
import dev.duet.transport.Node;

/** Read-only systemd questions the cluster modules ask. */
final class Units {
    private Units() {
    }

    static boolean active(Node node, String unit) {
        return node.run(Command.probe("systemctl", "is-active", "--quiet", unit)).ok();
    }

    /** is-enabled exits 0 for enabled, static, alias, indirect: the service module's test too. */
    static boolean enabled(Node node, String unit) {
        return node.run(Command.probe("systemctl", "is-enabled", "--quiet", unit)).ok();
    }

    static String hostname(Node node) {
        return node.run(Command.probe("uname", "-n")).orThrow(node.name()).stdout().strip();
    }
}
