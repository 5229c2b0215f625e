package dev.duet.transport;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Several read-only commands sent as one remote script, so a check half that needs several probes costs
 * one round trip. Each probe runs in a subshell of the script ({@code (set --; eval "$c")}: a fork, not a new
 * shell to load, which on a slow host is most of a probe's cost), with stdin closed; its stdout and stderr are
 * framed by marker lines carrying a random tag and its exit status, and split back into one
 * {@link CommandResult} per probe. A probe the script did not get to (the batch was killed) gets the
 * batch's own exit status and error, so it reads as failed ("unknown"), never as empty output.
 * <p>
 * {@code cat} of one readable {@code /proc} file (e.g. {@code cat /proc/drbd}) is read by the shell itself
 * inside a batch ({@code read} and {@code printf} are built in): the same text, without starting a process,
 * which on a slow host saves most of that probe's cost. Any other {@code cat}, and a {@code /proc} file that
 * cannot be read, goes to the real {@code cat}, with its own output, errors and exit status.
 */
public final class ProbeBatch {
    /** The fixed runner; the tag and the probes' command lines are its positional arguments. */
    public static final String SCRIPT = "cat() { case $#:$1 in 1:/proc/*) if [ -r \"$1\" ]; then "
            + "while IFS= read -r l || [ -n \"$l\" ]; do printf '%s\\n' \"$l\"; done < \"$1\"; return; fi;; esac; "
            + "command cat \"$@\"; }; "
            + "t=$1; shift; for c in \"$@\"; do printf '@@duet %s begin\\n' \"$t\"; "
            + "printf '@@duet %s begin\\n' \"$t\" >&2; (set --; eval \"$c\") </dev/null; r=$?; "
            + "printf '\\n@@duet %s end %s\\n' \"$t\" \"$r\"; printf '\\n@@duet %s end\\n' \"$t\" >&2; done";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Command> probes;
    private final String tag;

    private ProbeBatch(List<Command> probes, String tag) {
        this.probes = List.copyOf(probes);
        this.tag = tag;
    }

    public static ProbeBatch of(List<Command> probes) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return new ProbeBatch(probes, HexFormat.of().formatHex(b));
    }

    /** Whether a command may join a batch: read-only and without stdin. */
    public static boolean batchable(Command c) {
        return c.readOnly() && c.stdin() == null;
    }

    /**
     * The one command that runs every probe. Its timeout is the longest of theirs: probes are quick reads,
     * and one that hangs ends the batch, which leaves it and the probes after it failed ("unknown").
     */
    public Command command() {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sh", tag));
        Duration timeout = Duration.ZERO;
        for (Command p : probes) {
            if (!batchable(p)) {
                throw new IllegalArgumentException("not a read-only probe without stdin: " + p.line());
            }
            argv.add(p.line());
            timeout = p.timeout().compareTo(timeout) > 0 ? p.timeout() : timeout;
        }
        return new Command(argv, true, null, timeout, false);
    }

    /** One result per probe, in order, from the batch's result. */
    public List<CommandResult> split(CommandResult batch) {
        List<CommandResult> out = new ArrayList<>();
        String stdout = batch.stdout();
        String stderr = batch.stderr();
        int o = 0;
        int e = 0;
        String begin = "@@duet " + tag + " begin\n";
        for (Command p : probes) {
            int ob = stdout.indexOf(begin, o);
            int oe = ob < 0 ? -1 : stdout.indexOf("\n@@duet " + tag + " end ", ob + begin.length());
            int eol = oe < 0 ? -1 : stdout.indexOf('\n', oe + 1);
            if (ob < 0 || oe < 0 || eol < 0) {
                out.add(new CommandResult(p, batch.ok() ? 255 : batch.exitCode(), "",
                        "probe did not run: the batch ended early (exit " + batch.exitCode() + ") "
                                + batch.stderr().strip(), Duration.ZERO));
                continue;
            }
            int exit = Integer.parseInt(stdout.substring(oe + ("\n@@duet " + tag + " end ").length(), eol).strip());
            String out1 = stdout.substring(ob + begin.length(), oe);
            o = eol + 1;
            int eb = stderr.indexOf(begin, e);
            int ee = eb < 0 ? -1 : stderr.indexOf("\n@@duet " + tag + " end\n", eb + begin.length());
            String err1 = "";
            if (eb >= 0 && ee >= 0) {
                err1 = stderr.substring(eb + begin.length(), ee);
                e = ee + ("\n@@duet " + tag + " end\n").length();
            }
            out.add(new CommandResult(p, exit, out1, err1, batch.duration()));
        }
        return out;
    }

    /** The probes' command lines, when {@code argv} is a batch built by this class (fakes answer each). */
    public static List<String> probeLines(List<String> argv) {
        if (argv.size() < 5 || !argv.get(0).equals("sh") || !argv.get(1).equals("-c") || !argv.get(2).equals(SCRIPT)) {
            return List.of();
        }
        return argv.subList(5, argv.size());
    }
}
