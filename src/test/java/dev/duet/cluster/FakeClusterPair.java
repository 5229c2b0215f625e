package dev.duet.cluster;

import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Two scripted nodes with the bits of a cluster stack the cluster modules look at: which units are
 * enabled and active, corosync's membership (every node whose corosync runs), the generated authkey.
 */
final class FakeClusterPair {
    static final byte[] GENERATED_KEY = new byte[256];

    static {
        for (int i = 0; i < GENERATED_KEY.length; i++) {
            GENERATED_KEY[i] = (byte) (i * 7 + 3);
        }
    }

    final ScriptedNode node1 = new ScriptedNode("node1");
    final ScriptedNode node2 = new ScriptedNode("node2");
    final Set<String> active = ConcurrentHashMap.newKeySet();
    final Set<String> enabled = ConcurrentHashMap.newKeySet();
    final Map<String, String> modes = new ConcurrentHashMap<>();

    FakeClusterPair() {
        script(node1);
        script(node2);
    }

    ScriptedNode node(String name) {
        return name.equals("node1") ? node1 : node2;
    }

    TestContext context(String host, boolean checkMode) {
        return TestContext.pair(host, checkMode, node1, node2);
    }

    /**
     * Runs a task on both hosts at once, as the engine does: node2's check as the engine sees it before
     * any act (taken first, so node1's act cannot race it), then both hosts check and act at once. Returns
     * node1's check and that first check of node2's.
     */
    static Check[] runBoth(Supplier<Step> task, TestContext c1, TestContext c2) {
        Check secondBeforeActs = task.get().check(c2);
        CompletableFuture<Check> second = CompletableFuture.supplyAsync(() -> c2.run(task.get()));
        Check first = c1.run(task.get());
        second.join();
        return new Check[] {first, secondBeforeActs};
    }

    private void script(ScriptedNode n) {
        String me = n.name();
        n.on("uname -n", 0, me + "\n")
                .on("stat -c", c -> ScriptedNode.result(c, 0,
                        modes.getOrDefault(me + ":" + last(c.argv()),
                                last(c.argv()).equals(Authkey.PATH) ? "400 root:root" : "644 root:root") + "\n", ""))
                .on("systemctl is-active ", c -> ScriptedNode.result(c,
                        active.contains(me + ":" + last(c.argv())) ? 0 : 3, "", ""))
                .on("systemctl is-enabled ", c -> ScriptedNode.result(c,
                        enabled.contains(me + ":" + last(c.argv())) ? 0 : 1, "", ""))
                .on("systemctl enable ", c -> {
                    enabled.add(me + ":" + last(c.argv()));
                    return ScriptedNode.result(c, 0, "", "");
                })
                .on("systemctl start ", c -> {
                    active.add(me + ":" + last(c.argv()));
                    return ScriptedNode.result(c, 0, "", "");
                })
                .on("systemctl stop ", c -> {
                    active.remove(me + ":" + last(c.argv()));
                    return ScriptedNode.result(c, 0, "", "");
                })
                .on("mkdir -p", 0, "")
                .on("corosync-cfgtool -R", 0, "Reloading corosync.conf...\nDone\n")
                .on("corosync-keygen -l", c -> {
                    n.writeFile(Authkey.PATH, GENERATED_KEY, "0400", "root:root");
                    modes.put(me + ":" + Authkey.PATH, "400 root:root");
                    return ScriptedNode.result(c, 0, "Corosync Cluster Engine Authentication key generator.\n"
                            + "Gathering 2048 bits for key from /dev/urandom.\nWriting corosync key to /etc/corosync/authkey.\n", "");
                })
                .on("chmod 0400 " + Authkey.PATH, 0, "")
                .on("corosync-quorumtool -s", c -> active.contains(me + ":corosync")
                        ? ScriptedNode.result(c, 0, quorumtool(me), "")
                        : ScriptedNode.result(c, 1, "", "Cannot initialize QUORUM service\n"));
    }

    private String quorumtool(String me) {
        StringBuilder b = new StringBuilder("Quorum information\n------------------\nQuorum provider:  corosync_votequorum\n"
                + "Quorate:          Yes\n\nVotequorum information\n----------------------\nExpected votes:   2\n\n"
                + "Membership information\n----------------------\n    Nodeid      Votes Name\n");
        for (String n : new String[] {"node1", "node2"}) {
            if (active.contains(n + ":corosync")) {
                b.append("         ").append(n.charAt(4)).append("          1 ").append(n)
                        .append(n.equals(me) ? " (local)" : "").append('\n');
            }
        }
        return b.toString();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String last(java.util.List<String> argv) {
        return argv.get(argv.size() - 1);
    }
}
