package dev.duet.drbd.probe;

import dev.duet.drbd.DrbdVersion;
import dev.duet.transport.Command;
import java.time.Duration;

/**
 * Every DRBD command line Duet sends, in one place: the reads (run through {@link DrbdProbe}, or streamed
 * by the waits and {@code status --watch}) and the changes, whose syntax depends on the DRBD kernel or
 * drbd-utils version (drbd-facts.md).
 */
public final class DrbdCommands {
    /** The kernel module's own view; on DRBD 9 only its version line. */
    public static final Command PROC_DRBD = Command.probe("cat", "/proc/drbd");
    public static final Command UTILS_VERSION = Command.probe("drbdadm", "--version");
    public static final Command MODULE_VERSION = Command.probe("modinfo", "-F", "version", "drbd");
    public static final Command EVENTS2_NOW = Command.probe("drbdsetup", "events2", "--now")
            .withTimeout(Duration.ofSeconds(30));
    /** Read at most once a second while a followed node resyncs: 8.4 streams no progress. */
    public static final Command EVENTS2_NOW_STATISTICS = Command.probe("drbdsetup", "events2", "--now",
            "--statistics").withTimeout(Duration.ofSeconds(10));
    /** Followed by waits: stays open, one line per change after the initial dump. */
    public static final Command EVENTS2_FOLLOW = Command.probe("drbdsetup", "events2");
    /** Followed by {@code status --watch}: as {@link #EVENTS2_FOLLOW}, with sizes and out-of-sync counts. */
    public static final Command EVENTS2_FOLLOW_STATISTICS = Command.probe("drbdsetup", "events2", "--statistics");
    public static final Command STATUS_JSON = Command.probe("drbdsetup", "status", "--json");
    public static final Command DRBDADM_STATUS = Command.probe("drbdadm", "status");
    /** The last kernel log line of a split brain, if any. */
    public static final Command SPLIT_BRAIN_LOG = Command.probeScript(
            "dmesg 2>/dev/null | grep -F 'Split-Brain detected' | tail -n 1");

    private DrbdCommands() {
    }

    /** One resource with size and out-of-sync figures (8.4 and 9). */
    public static Command status(String res) {
        return Command.probe("drbdsetup", "status", res, "--verbose", "--statistics");
    }

    public static Command cstate(String res) {
        return Command.probe("drbdadm", "cstate", res);
    }

    /** The running configuration (net options included); may hold the shared secret. */
    public static Command show(String res) {
        return Command.probe("drbdsetup", "show", res);
    }

    /** The configuration file's view of the resource; may hold the shared secret. */
    public static Command dump(String res) {
        return Command.probe("drbdadm", "dump", res);
    }

    /** What {@code drbdadm adjust} would run, without running it. */
    public static Command adjustDryRun(String res) {
        return Command.probe("drbdadm", "-d", "adjust", res);
    }

    public static Command dumpMetadata(String res) {
        return Command.probe("drbdadm", "dump-md", res);
    }

    /** The backing device drbdadm resolves from the resource file. */
    public static Command lowLevelDevice(String res) {
        return Command.probe("drbdadm", "sh-ll-dev", res);
    }

    public static Command up(String res) {
        return Command.change("drbdadm", "up", res);
    }

    /** Makes this node the sync source of an initial full sync. */
    public static Command forcePrimary(DrbdVersion v, String res) {
        if (v.is83OrOlder()) {
            return Command.change("drbdadm", "--", "--overwrite-data-of-peer", "primary", res);
        }
        return Command.change("drbdadm", "primary", "--force", res);
    }

    /** Declares fresh, blank devices in sync without copying (legal only on fresh metadata). */
    public static Command clearBitmap(DrbdVersion v, String res) {
        if (!v.utilsTakeTrailingOptions()) {
            return Command.change("drbdadm", "--", "--clear-bitmap", "new-current-uuid", res);
        }
        return Command.change("drbdadm", "new-current-uuid", "--clear-bitmap", v.is9() ? res + "/0" : res);
    }

    /** create-md; {@code force} only after the guard decided the device may be overwritten. */
    public static Command createMd(DrbdVersion v, String res, boolean force) {
        if (!force) {
            return Command.change("drbdadm", "create-md", res);
        }
        if (!v.utilsTakeTrailingOptions()) {
            return Command.change("drbdadm", "--", "--force", "create-md", res);
        }
        return Command.change("drbdadm", "create-md", "--force", res);
    }

    /** Temporary fast resync for the initial sync; {@code drbdadm adjust} restores the file's values. */
    public static Command tuneResync(DrbdVersion v, String res, String rate) {
        String cmd = v.is9() ? "peer-device-options" : "disk-options";
        if (!v.utilsTakeTrailingOptions()) {
            return Command.change("drbdadm", "--", "--c-plan-ahead=0", "--resync-rate=" + rate, cmd, res);
        }
        return Command.change("drbdadm", cmd, "--c-plan-ahead=0", "--resync-rate=" + rate, res);
    }

    public static Command adjust(String res) {
        return Command.change("drbdadm", "adjust", res);
    }

    /** Reconnects throwing away this node's changes since a split brain (the victim side of the split-brain procedure). */
    public static Command connectDiscardingMyData(DrbdVersion v, String res) {
        if (!v.utilsTakeTrailingOptions()) {
            return Command.change("drbdadm", "--", "--discard-my-data", "connect", res);
        }
        return Command.change("drbdadm", "connect", "--discard-my-data", res);
    }

    public static Command connect(String res) {
        return Command.change("drbdadm", "connect", res);
    }

    public static Command disconnect(String res) {
        return Command.change("drbdadm", "disconnect", res);
    }

    public static Command primary(String res) {
        return Command.change("drbdadm", "primary", res);
    }

    public static Command secondary(String res) {
        return Command.change("drbdadm", "secondary", res);
    }
}
