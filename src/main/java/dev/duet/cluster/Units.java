package dev.duet.cluster;

import dev.duet.transport.Command;
import dev.duet.transport.Node;

/**
 * Read-only systemd questions the cluster modules ask, as the same commands the service module's check
 * sends, so one answer read in a run serves both (only the exit status is looked at).
 */
final class Units {
    private Units() {
    }

    static boolean active(Node node, String unit) {
        return node.run(activeProbe(unit)).ok();
    }

    /** is-enabled exits 0 for enabled, static, alias, indirect: the service module's test too. */
    static boolean enabled(Node node, String unit) {
        return node.run(enabledProbe(unit)).ok();
    }

    static Command activeProbe(String unit) {
        return Command.probe("systemctl", "is-active", unit);
    }

    static Command enabledProbe(String unit) {
        return Command.probe("systemctl", "is-enabled", unit);
    }

    static String hostname(Node node) {
        return node.run(Command.probe("uname", "-n")).orThrow(node.name()).stdout().strip();
    }
}
