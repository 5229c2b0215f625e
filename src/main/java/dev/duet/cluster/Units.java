package dev.duet.cluster;

import dev.duet.modules.ServiceStep;
import dev.duet.transport.Command;
import dev.duet.transport.Node;

/**
 * Read-only systemd questions the cluster modules ask: the service module's own ({@link ServiceStep#isActive},
 * {@link ServiceStep#isEnabled}), so one answer read in a run serves both.
 */
final class Units {
    private Units() {
    }

    static boolean active(Node node, String unit) {
        return node.run(activeProbe(unit)).ok();
    }

    static boolean enabled(Node node, String unit) {
        return node.run(enabledProbe(unit)).ok();
    }

    static Command activeProbe(String unit) {
        return ServiceStep.isActive(unit);
    }

    static Command enabledProbe(String unit) {
        return ServiceStep.isEnabled(unit);
    }

    static String hostname(Node node) {
        return node.run(Command.probe("uname", "-n")).orThrow(node.name()).stdout().strip();
    }
}
