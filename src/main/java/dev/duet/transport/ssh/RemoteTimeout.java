package dev.duet.transport.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes the remote host itself end a command that outlives its timeout: every command's argv runs under
 * GNU {@code timeout -k KILL_AFTER TIMEOUT ARGV...}, which puts it in its own process group, sends the
 * whole group SIGTERM at the deadline and SIGKILL {@code killAfter} later, then exits 124. Argv is
 * exec'd as before (commands are argv; scripts are already {@code sh -c}), so only the prefix is new.
 *
 * <p>Why not the alternatives: OpenSSH (7.9+) refuses SSH "signal" requests on root logins ("session
 * signalling requires privilege separation") and, for other users, signals as that user, so it cannot
 * reach a command run through {@code sudo}; closing the channel hangs up the command only when it has a
 * pty, and a pty merges stderr and changes tool output. {@code timeout} runs inside sudo (as root), needs
 * no second channel, and still fires when Duet itself dies or the network goes away.
 *
 * @param killAfter    how long after SIGTERM the group gets SIGKILL
 * @param confirmGrace how long, beyond {@code killAfter}, Duet waits for the exit status that confirms it
 */
record RemoteTimeout(Duration killAfter, Duration confirmGrace) {
    /** The exit status of GNU timeout when it had to end the command. */
    static final int TIMED_OUT = 124;
    /** What a shell reports when the command (or timeout itself) got SIGKILL. */
    static final int KILLED = 128 + 9;

    static final RemoteTimeout DEFAULT = new RemoteTimeout(Duration.ofSeconds(5), Duration.ofSeconds(5));

    /** The words that run {@code argv} under timeout; sudo, if any, goes before them so timeout runs as root. */
    List<String> wrap(List<String> argv, Duration timeout) {
        List<String> words = new ArrayList<>(List.of("timeout", "-k", seconds(killAfter), seconds(timeout)));
        words.addAll(argv);
        return words;
    }

    /** How long after the local deadline the remote side has to report that it ended the command. */
    Duration confirmWithin() {
        return killAfter.plus(confirmGrace);
    }

    /** True when an exit status that arrived after the deadline means the remote timeout ended the command. */
    static boolean endedByTimeout(int exitCode) {
        return exitCode == TIMED_OUT || exitCode == KILLED;
    }

    /** GNU timeout takes fractional seconds; zero would mean "no timeout", so the shortest is 1 ms. */
    static String seconds(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%d.%03ds", ms / 1000, ms % 1000);
    }
}
