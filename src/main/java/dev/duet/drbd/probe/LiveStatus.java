package dev.duet.drbd.probe;

import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.parse.Format;
import dev.duet.drbd.parse.StatusParseException;
import dev.duet.drbd.parse.StatusParser;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one node's DRBD state through the richest interface that works there: {@code drbdsetup events2
 * --now} (kernel >= 8.4.6 and drbd-utils >= 8.9.3), {@code drbdsetup status --json} (DRBD 9 kernels),
 * {@code drbdadm status}, else {@code /proc/drbd}. Read-only: every command is a probe.
 */
public final class LiveStatus {
    /** The interface a status came from. */
    public enum Source {
        EVENTS2(Format.EVENTS2), STATUS_JSON(Format.STATUS_JSON), DRBDADM_STATUS(Format.DRBDADM_STATUS),
        PROC_DRBD(Format.PROC_DRBD);

        private final Format format;

        Source(Format format) {
            this.format = format;
        }

        public Format format() {
            return format;
        }
    }

    /** A node's status and the interface it was read through. */
    public record Result(String node, DrbdStatus status, Source source) {
    }

    static final Command PROC = Command.probe("cat", "/proc/drbd");
    static final Command UTILS_VERSION = Command.probe("drbdadm", "--version");
    static final Command EVENTS2_NOW = Command.probe("drbdsetup", "events2", "--now")
            .withTimeout(Duration.ofSeconds(30));
    static final Command STATUS_JSON = Command.probe("drbdsetup", "status", "--json");
    static final Command DRBDADM_STATUS = Command.probe("drbdadm", "status");


    private LiveStatus() {
    }

    public static Result gather(Node node) {
        CommandResult proc = node.run(PROC);
        CommandResult utils = node.run(UTILS_VERSION);
        Optional<DrbdVersion> version = DrbdVersion.fromOutputs(proc, utils);
        var tried = new ArrayList<String>();
        if (version.map(DrbdVersion::hasEvents2).orElse(false)) {
            Optional<Result> r = attempt(node, EVENTS2_NOW, Source.EVENTS2, tried);
            if (r.isPresent()) {
                return r.get();
            }
        }
        if (version.map(DrbdVersion::is9).orElse(false)) {
            Optional<Result> r = attempt(node, STATUS_JSON, Source.STATUS_JSON, tried);
            if (r.isPresent()) {
                return r.get();
            }
        }
        Optional<Result> r = attempt(node, DRBDADM_STATUS, Source.DRBDADM_STATUS, tried);
        if (r.isPresent()) {
            return r.get();
        }
        if (proc.ok()) {
            try {
                return new Result(node.name(), StatusParser.parse(proc.stdout(), Format.PROC_DRBD), Source.PROC_DRBD);
            } catch (StatusParseException e) {
                tried.add("cat /proc/drbd: " + e.getMessage());
            }
        } else {
            tried.add("cat /proc/drbd: exit " + proc.exitCode() + " " + firstLine(proc.stderr()));
        }
        throw new DuetException(Reason.COMMAND_FAILED, node.name() + ": no DRBD status interface answered (is the "
                + "drbd module loaded?); tried " + String.join("; ", tried));
    }

    private static Optional<Result> attempt(Node node, Command c, Source source, List<String> tried) {
        CommandResult res = node.run(c);
        if (!res.ok()) {
            tried.add(c.line() + ": exit " + res.exitCode() + " " + firstLine(res.stderr() + res.stdout()));
            return Optional.empty();
        }
        try {
            return Optional.of(new Result(node.name(), StatusParser.parse(res.stdout(), source.format()), source));
        } catch (StatusParseException e) {
            tried.add(c.line() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
