package dev.duet.testing;

import java.util.List;

/**
 * One command as a {@link FakeSshHost} received it. {@code line} is what rules match: the command with a
 * become wrapper ({@code sudo -n -- sh -c '<line>'}) removed; {@code rawLine} is exactly what arrived.
 */
public record FakeRequest(String node, String user, String rawLine, String line, boolean viaSudo, String stdin) {

    static FakeRequest of(String node, String user, String rawLine, String stdin) {
        String prefix = "sudo -n -- sh -c ";
        if (rawLine.startsWith(prefix)) {
            List<String> words = unquote(rawLine.substring(prefix.length()));
            if (words.size() == 1) {
                return new FakeRequest(node, user, rawLine, words.get(0), true, stdin);
            }
        }
        return new FakeRequest(node, user, rawLine, rawLine, false, stdin);
    }

    /** The argv of {@link #line}, undoing {@code Shell.join}'s quoting (single and double quotes). */
    public List<String> argv() {
        return unquote(line);
    }

    static List<String> unquote(String s) {
        return dev.duet.transport.ShellWords.split(s);
    }
}
