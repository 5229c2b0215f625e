package dev.duet.ocfs2;

import dev.duet.modules.ServiceStep;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.Arrays;
import java.util.List;

/** Read-only questions about the o2cb stack on one node; each answers "no" when ocfs2-tools is absent. */
final class O2cbProbe {
    static final Command ENABLED_AT_BOOT = ServiceStep.isEnabled("o2cb");

    private O2cbProbe() {
    }

    static Command clusterStatus(String cluster) {
        return Command.probe("o2cb", "cluster-status", cluster);
    }

    static String hostname(Node node) {
        return node.run(Command.probe("uname", "-n")).orThrow(node.name()).stdout().strip();
    }

    /** {@code o2cb cluster-status NAME} prints "Cluster 'NAME' is online" (lab capture, ocfs2-tools 1.8.7). */
    static boolean online(Node node, String cluster) {
        var r = node.run(clusterStatus(cluster));
        return r.ok() && r.stdout().contains("'" + cluster + "' is online");
    }

    static String status(Node node, String cluster) {
        var r = node.run(clusterStatus(cluster));
        String text = (r.stdout() + " " + r.stderr()).strip();
        return text.isEmpty() ? "exit " + r.exitCode() : text;
    }

    /** o2cb is an LSB script under systemd-sysv; {@code is-enabled} exits 0 exactly when its rc links exist. */
    static boolean enabledAtBoot(Node node) {
        return node.run(ENABLED_AT_BOOT).ok();
    }

    /** Whether o2cb starts at boot and the cluster is online. */
    record Service(boolean enabledAtBoot, boolean online) {
    }

    /** {@link #enabledAtBoot} and {@link #online} asked in one round trip. */
    static Service service(Node node, String cluster) {
        var r = node.runAll(List.of(ENABLED_AT_BOOT, clusterStatus(cluster)));
        return new Service(r.get(0).ok(), r.get(1).ok() && r.get(1).stdout().contains("'" + cluster + "' is online"));
    }

    /** Mount points of every mounted OCFS2 volume; findmnt exits 1 when there is none. */
    static List<String> ocfs2Mounts(Node node) {
        var r = node.run(Command.probe("findmnt", "-n", "-t", "ocfs2", "-o", "TARGET"));
        if (!r.ok()) {
            return List.of();
        }
        return Arrays.stream(r.stdout().split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
