package dev.duet.drbd.steps;

import dev.duet.testing.Captures;
import dev.duet.testing.ScriptedNode;

/**
 * Scripted nodes of a split-brained pair, from the lab's StandAlone capture of node2: 8.4 prints no peer
 * while StandAlone, so `drbdadm cstate` answers; the kernel log holds DRBD's split-brain line or nothing.
 */
final class SplitPair {
    static final String STANDALONE = "drbdsetup_status_verbose__disconnected_standalone__node2";
    static final String KERNEL_LINE = "[  812.345678] block drbd0: Split-Brain detected but unresolved, dropping connection!";

    private SplitPair() {
    }

    /** A StandAlone, UpToDate node in the given role, with or without the kernel's split-brain line. */
    static ScriptedNode standAlone(String name, String role, boolean kernelLine) {
        String status = Captures.output(STANDALONE).replace("role:Secondary", "role:" + role);
        var n = new ScriptedNode(name)
                .on(Fixtures.STATUS, 0, status)
                .on("drbdadm cstate r0", 0, "StandAlone\n")
                .on("sh -c 'dmesg", 0, kernelLine ? KERNEL_LINE + "\n" : "");
        return n.on("cat /proc/drbd", 0, "version: 8.4.11 (api:1/proto:86-101)\n")
                .on("drbdadm --version", 0, Fixtures.VERSIONS)
                .on("uname -n", 0, name + "\n");
    }

    /** A node that is up but waiting for its peer (WFConnection), from node1's capture. */
    static ScriptedNode connecting(String name) {
        return Fixtures.node(name, "drbdsetup_status_verbose__disconnected_peer_wfconnection__node1")
                .on("drbdadm cstate r0", 0, "WFConnection\n")
                .on("sh -c 'dmesg", 0, "");
    }
}
