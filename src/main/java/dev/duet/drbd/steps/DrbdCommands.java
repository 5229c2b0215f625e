package dev.duet.drbd.steps;

import dev.duet.drbd.DrbdVersion;
import dev.duet.transport.Command;

/** drbdadm command lines whose syntax depends on the DRBD kernel or drbd-utils version (drbd-facts.md). */
final class DrbdCommands {
    private DrbdCommands() {
    }

    /** Makes this node the sync source of an initial full sync. */
    static Command forcePrimary(DrbdVersion v, String res) {
        if (v.is83OrOlder()) {
            return Command.change("drbdadm", "--", "--overwrite-data-of-peer", "primary", res);
        }
        return Command.change("drbdadm", "primary", "--force", res);
    }

    /** Declares fresh, blank devices in sync without copying (legal only on fresh metadata). */
    static Command clearBitmap(DrbdVersion v, String res) {
        if (!v.utilsTakeTrailingOptions()) {
            return Command.change("drbdadm", "--", "--clear-bitmap", "new-current-uuid", res);
        }
        return Command.change("drbdadm", "new-current-uuid", "--clear-bitmap", v.is9() ? res + "/0" : res);
    }

    /** create-md; {@code force} only after the guard decided the device may be overwritten. */
    static Command createMd(DrbdVersion v, String res, boolean force) {
        if (!force) {
            return Command.change("drbdadm", "create-md", res);
        }
        if (!v.utilsTakeTrailingOptions()) {
            return Command.change("drbdadm", "--", "--force", "create-md", res);
        }
        return Command.change("drbdadm", "create-md", "--force", res);
    }

    /** Temporary fast resync for the initial sync; {@code drbdadm adjust} restores the file's values. */
    static Command tuneResync(DrbdVersion v, String res, String rate) {
        String cmd = v.is9() ? "peer-device-options" : "disk-options";
        if (!v.utilsTakeTrailingOptions()) {
            return Command.change("drbdadm", "--", "--c-plan-ahead=0", "--resync-rate=" + rate, cmd, res);
        }
        return Command.change("drbdadm", cmd, "--c-plan-ahead=0", "--resync-rate=" + rate, res);
    }

    static Command adjust(String res) {
        return Command.change("drbdadm", "adjust", res);
    }

    /** Reconnects throwing away this node's changes since a split brain (the victim side of the split-brain procedure). */
    static Command connectDiscardingMyData(DrbdVersion v, String res) {
        if (!v.utilsTakeTrailingOptions()) {
            return Command.change("drbdadm", "--", "--discard-my-data", "connect", res);
        }
        return Command.change("drbdadm", "connect", "--discard-my-data", res);
    }

    static Command connect(String res) {
        return Command.change("drbdadm", "connect", res);
    }

    static Command disconnect(String res) {
        return Command.change("drbdadm", "disconnect", res);
    }

    static Command primary(String res) {
        return Command.change("drbdadm", "primary", res);
    }

    static Command secondary(String res) {
        return Command.change("drbdadm", "secondary", res);
    }
}
