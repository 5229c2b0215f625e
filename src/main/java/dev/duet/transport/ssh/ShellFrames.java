package dev.duet.transport.ssh;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one command line travels through a long-lived {@code sh} on the host ({@link ProbeShell}) and how its
 * answer is cut back out: what the shell reads, and how its stdout and stderr say that the command ended.
 * <p>
 * The request runs the line in a subshell with stdin closed, so the command neither changes the long-lived
 * shell nor reads the next request; then the shell prints a marker line with a fresh random tag and the
 * subshell's exit status on stdout, and a marker line with the same tag on stderr. A newline goes before
 * each marker (output that does not end in one stays whole) and before the closing parenthesis (a line
 * that ends in a comment cannot swallow it). Nothing follows a marker until the next request is sent, so
 * a stream is complete exactly when it ends with its marker line.
 *
 * @param tag the request's random tag; output cannot forge a marker it never saw
 */
public record ShellFrames(String tag) {
    /** What the shell's session runs: the login shell replaces itself with a plain {@code sh} reading stdin. */
    public static final String SHELL = "exec sh";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MARK = "@@duet-sh ";
    private static final Pattern REQUEST = Pattern.compile("\\A\\( (.*)\n\\) </dev/null; printf '\\\\n" + MARK
            + "%s %s\\\\n' ([0-9a-f]{16}) \"\\$\\?\"; printf '\\\\n" + MARK + "%s\\\\n' \\2 >&2\n\\z", Pattern.DOTALL);

    static ShellFrames fresh() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return new ShellFrames(HexFormat.of().formatHex(b));
    }

    /** What the shell reads: {@code line} in a subshell without stdin, then the two markers. */
    String request(String line) {
        return "( " + line + "\n) </dev/null; printf '\\n" + MARK + "%s %s\\n' " + tag + " \"$?\"; printf '\\n"
                + MARK + "%s\\n' " + tag + " >&2\n";
    }

    /** The line and tag of a request made by {@link #request} (the fake hosts answer it as an exec). */
    public static Optional<Request> parse(String request) {
        Matcher m = REQUEST.matcher(request);
        return m.matches() ? Optional.of(new Request(m.group(1), new ShellFrames(m.group(2)))) : Optional.empty();
    }

    /** A parsed request: the command line and the frames its answer must carry. */
    public record Request(String line, ShellFrames frames) {
    }

    /** The stdout a shell writes for a command that printed {@code out} and exited {@code exit}. */
    public String stdout(String out, int exit) {
        return out + "\n" + MARK + tag + " " + exit + "\n";
    }

    /** The stderr a shell writes for a command that printed {@code err}. */
    public String stderr(String err) {
        return err + "\n" + MARK + tag + "\n";
    }

    /**
     * The command's exit status once {@code stdout} (everything read so far) ends with its marker line;
     * empty while it does not.
     */
    Optional<Integer> exitOf(byte[] stdout, int length) {
        int start = markerStart(stdout, length);
        if (start < 0) {
            return Optional.empty();
        }
        String marker = new String(stdout, start, length - start, StandardCharsets.UTF_8);
        String prefix = "\n" + MARK + tag + " ";
        if (!marker.startsWith(prefix)) {
            return Optional.empty();
        }
        String status = marker.substring(prefix.length(), marker.length() - 1);
        return status.matches("[0-9]{1,3}") ? Optional.of(Integer.parseInt(status)) : Optional.empty();
    }

    /** Whether {@code stderr} (everything read so far) ends with its marker line. */
    boolean stderrEnded(byte[] stderr, int length) {
        int start = markerStart(stderr, length);
        return start >= 0 && new String(stderr, start, length - start, StandardCharsets.UTF_8)
                .equals("\n" + MARK + tag + "\n");
    }

    /** The command's own output: what came before the marker line (and the newline put before it). */
    static byte[] before(byte[] stream, int length) {
        int start = markerStart(stream, length);
        return java.util.Arrays.copyOf(stream, Math.max(0, start));
    }

    /** Where the last line (with the newline before it) begins, when the stream ends with a newline. */
    private static int markerStart(byte[] stream, int length) {
        if (length < 2 || stream[length - 1] != '\n') {
            return -1;
        }
        for (int i = length - 2; i >= 0; i--) {
            if (stream[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
