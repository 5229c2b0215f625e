package dev.duet.drbd.probe;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.Peer;
import dev.duet.drbd.parse.CsMapping;
import dev.duet.drbd.parse.Events2Folder;
import dev.duet.drbd.parse.Format;
import dev.duet.drbd.parse.StatusParseException;
import dev.duet.drbd.parse.StatusParser;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every read of one node's DRBD state, in one place: a resource's device, the versions, the whole live
 * status, split-brain evidence, the running configuration and the metadata probes. Read-only: every
 * command is a probe from {@link DrbdCommands}. A read that fails is reported as such (never as "blank").
 */
public final class DrbdProbe {
    /** drbdsetup's exit code for "No such resource" / "Device minor not allocated": the resource is down. */
    private static final int NOT_UP = 10;
    private static final int NOT_INSTALLED = 127;

    private final Node node;

    private DrbdProbe(Node node) {
        this.node = node;
    }

    public static DrbdProbe of(Node node) {
        return new DrbdProbe(node);
    }

    /**
     * The resource's first volume from {@code drbdsetup status RES --verbose --statistics}; empty when the
     * resource is not up. When the status shows no peer (8.4 prints none while StandAlone), {@code drbdadm
     * cstate} fills in the connection state so StandAlone is never mistaken for "no news".
     */
    public Optional<Device> device(String resource) {
        CommandResult r = node.run(DrbdCommands.status(resource));
        if (r.exitCode() == NOT_UP || r.exitCode() == NOT_INSTALLED || notUp(r)) {
            return Optional.empty();
        }
        r.orThrow(node.name());
        Optional<Device> device = StatusParser.parse(r.stdout()).device(resource);
        if (device.isPresent() && device.get().peers().isEmpty()) {
            return Optional.of(withCstate(device.get(), resource));
        }
        return device;
    }

    /** A kernel log line proving a split brain on this node, if there is one. */
    public Optional<String> splitBrainEvidence() {
        String line = node.run(DrbdCommands.SPLIT_BRAIN_LOG).stdout().strip();
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
    }

    /**
     * The DRBD version, cheapest and most authoritative first: the loaded module's {@code /proc/drbd}
     * line, then the installed module ({@code modinfo}), then what drbdadm was built against; with the
     * drbd-utils version. Empty when none answers (packages not installed yet, e.g. a plan on fresh nodes).
     */
    public Optional<DrbdVersion> version() {
        List<CommandResult> both = node.runAll(List.of(DrbdCommands.PROC_DRBD, DrbdCommands.UTILS_VERSION));
        Optional<DrbdVersion> kernel = DrbdVersion.fromProc(both.get(0));
        if (kernel.isEmpty()) {
            CommandResult modinfo = node.run(DrbdCommands.MODULE_VERSION);
            if (modinfo.ok()) {
                kernel = DrbdVersion.fromModinfo(modinfo.stdout());
            }
        }
        return DrbdVersion.withAdm(kernel, both.get(1));
    }

    /** The version, or a PRECONDITION error saying DRBD is not installed (for act halves that need the syntax). */
    public DrbdVersion requireVersion() {
        return version().orElseThrow(() -> new DuetException(Reason.PRECONDITION,
                node.name() + ": DRBD version not detectable"));
    }

    /**
     * The whole state through the richest interface that works here: {@code drbdsetup events2 --now}
     * (kernel >= 8.4.6 and drbd-utils >= 8.9.3), {@code drbdsetup status --json} (DRBD 9 kernels),
     * {@code drbdadm status}, else {@code /proc/drbd}.
     */
    public LiveStatus.Result live() {
        List<CommandResult> versions = node.runAll(List.of(DrbdCommands.PROC_DRBD, DrbdCommands.UTILS_VERSION));
        return live(versions.get(0), versions.get(1));
    }

    /** As {@link #live()}, with {@code cat /proc/drbd} and {@code drbdadm --version} already read (e.g. in one batch). */
    public LiveStatus.Result live(CommandResult proc, CommandResult utils) {
        return live(proc, utils, java.util.Map.of());
    }

    /**
     * As {@link #live(CommandResult, CommandResult)}, with answers already read for any of the status
     * commands (sent in the same batch as the version probes, ahead of knowing which interface works):
     * an answer is used only where the version says that interface is the one to ask.
     */
    public LiveStatus.Result live(CommandResult proc, CommandResult utils, java.util.Map<Command, CommandResult> readAlready) {
        Optional<DrbdVersion> version = DrbdVersion.fromOutputs(proc, utils);
        var tried = new ArrayList<String>();
        if (version.map(DrbdVersion::hasEvents2).orElse(false)) {
            Optional<LiveStatus.Result> r = attempt(DrbdCommands.EVENTS2_NOW, LiveStatus.Source.EVENTS2, tried, readAlready);
            if (r.isPresent()) {
                return r.get();
            }
        }
        if (version.map(DrbdVersion::is9).orElse(false)) {
            Optional<LiveStatus.Result> r = attempt(DrbdCommands.STATUS_JSON, LiveStatus.Source.STATUS_JSON, tried, readAlready);
            if (r.isPresent()) {
                return r.get();
            }
        }
        Optional<LiveStatus.Result> r = attempt(DrbdCommands.DRBDADM_STATUS, LiveStatus.Source.DRBDADM_STATUS, tried, readAlready);
        if (r.isPresent()) {
            return r.get();
        }
        if (proc.ok()) {
            try {
                return new LiveStatus.Result(node.name(), StatusParser.parse(proc.stdout(), Format.PROC_DRBD),
                        LiveStatus.Source.PROC_DRBD);
            } catch (StatusParseException e) {
                tried.add("cat /proc/drbd: " + e.getMessage());
            }
        } else {
            tried.add("cat /proc/drbd: exit " + proc.exitCode() + " " + firstLine(proc.stderr()));
        }
        throw new DuetException(Reason.COMMAND_FAILED, node.name() + ": no DRBD status interface answered (is the "
                + "drbd module loaded?); tried " + String.join("; ", tried));
    }

    /**
     * The state from an events2 dump already read, with the utils version not asked: present only when
     * {@code cat /proc/drbd} shows a kernel module with events2 and the dump exited 0 and parses whole
     * (ending with {@code exists -}); otherwise empty, and {@link #live(CommandResult, CommandResult, java.util.Map)}
     * with the utils version decides as ever.
     */
    public Optional<LiveStatus.Result> events2Answer(CommandResult proc, CommandResult events2) {
        if (!DrbdVersion.fromProc(proc).map(DrbdVersion::kernelHasEvents2).orElse(false) || !events2.ok()
                || !Events2Folder.wholeDump(events2.stdout())) {
            return Optional.empty();
        }
        return attempt(DrbdCommands.EVENTS2_NOW, LiveStatus.Source.EVENTS2, new ArrayList<>(),
                java.util.Map.of(DrbdCommands.EVENTS2_NOW, events2));
    }

    /** The running net options ({@code drbdsetup show}), else the configuration file ({@code drbdadm dump}). */
    public boolean allowTwoPrimaries(String resource) {
        CommandResult show = node.run(DrbdCommands.show(resource));
        if (!show.ok()) {
            show = node.run(DrbdCommands.dump(resource));
        }
        // The output may hold the shared secret: it is matched here and never put in a message.
        return show.ok() && show.stdout().lines().anyMatch(l -> l.strip().matches("allow-two-primaries\\s+yes;?"));
    }

    /** {@code drbdadm -d adjust}: the commands adjust would run (may name the shared secret). */
    public CommandResult adjustDryRun(String resource) {
        return node.run(DrbdCommands.adjustDryRun(resource));
    }

    /** {@code drbdadm dump-md}: exit 0 when the device holds valid metadata. */
    public CommandResult dumpMetadata(String resource) {
        return node.run(DrbdCommands.dumpMetadata(resource));
    }

    /** {@code drbdadm sh-ll-dev}: the backing device named in the resource file. */
    public CommandResult lowLevelDevice(String resource) {
        return node.run(DrbdCommands.lowLevelDevice(resource));
    }

    private Optional<LiveStatus.Result> attempt(Command c, LiveStatus.Source source, List<String> tried,
                                                java.util.Map<Command, CommandResult> readAlready) {
        CommandResult res = readAlready.containsKey(c) ? readAlready.get(c) : node.run(c);
        if (!res.ok()) {
            tried.add(c.line() + ": exit " + res.exitCode() + " " + firstLine(res.stderr() + res.stdout()));
            return Optional.empty();
        }
        try {
            return Optional.of(new LiveStatus.Result(node.name(), StatusParser.parse(res.stdout(), source.format()), source));
        } catch (StatusParseException e) {
            tried.add(c.line() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean notUp(CommandResult r) {
        String text = r.stdout() + r.stderr();
        return !r.ok() && (text.contains("No such resource") || text.contains("not allocated"));
    }

    private Device withCstate(Device d, String resource) {
        CommandResult cs = node.run(DrbdCommands.cstate(resource));
        if (!cs.ok() || cs.stdout().isBlank()) {
            return d;
        }
        String word = cs.stdout().strip().split("\\s+")[0];
        Peer peer = new Peer("peer", CsMapping.connection(word), null, "Unknown", "DUnknown", null, word);
        Long oos = d.outOfSyncKiB() != null ? d.outOfSyncKiB() : procOutOfSync(d.minor());
        return new Device(d.resource(), d.minor(), d.volume(), d.role(), d.disk(), List.of(peer), oos, d.sizeKiB());
    }

    /**
     * 8.4 prints no peer, and so no out-of-sync figure, while StandAlone; /proc/drbd's {@code oos:} still
     * counts the blocks written since the connection was lost, which tells a split brain in which nobody
     * wrote from one with diverged data. Unknown (null) when /proc/drbd does not say.
     */
    private Long procOutOfSync(Integer minor) {
        if (minor == null) {
            return null;
        }
        CommandResult proc = node.run(DrbdCommands.PROC_DRBD);
        if (!proc.ok()) {
            return null;
        }
        try {
            return StatusParser.parse(proc.stdout()).devices().stream()
                    .filter(x -> minor.equals(x.minor())).map(Device::outOfSyncKiB).filter(Objects::nonNull)
                    .findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null; // not a /proc/drbd we can read (DRBD 9 prints only its version there)
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
