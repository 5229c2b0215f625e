package dev.duet.testing;

import dev.duet.transport.Shell;
import java.time.Duration;
import java.util.List;

/**
 * One command as a {@link FakeSshHost} received it. {@code line} is what rules match: the command with
 * SshNode's wrappers removed (become: {@code sudo -n -- }; remote timeout: {@code timeout -k K T }; a
 * become stream: {@code sudo -n -- sh -c '<line>'}); {@code rawLine} is exactly what arrived.
 * {@code sudoUser}: who sudo ran it as ({@code root} for {@code sudo -n --}, USER for
 * {@code sudo -n -u USER --}), null without sudo.
 * {@code remoteTimeout} is T, null when the line came without the timeout wrapper (e.g. a stream).
 */
public record FakeRequest(String node, String user, String rawLine, String line, boolean viaSudo, String stdin,
        Duration remoteTimeout, String sudoUser) {

    public FakeRequest(String node, String user, String rawLine, String line, boolean viaSudo, String stdin,
                       Duration remoteTimeout) {
        this(node, user, rawLine, line, viaSudo, stdin, remoteTimeout, viaSudo ? "root" : null);
    }

    static FakeRequest of(String node, String user, String rawLine, String stdin) {
        List<String> words;
        try {
            words = unquote(rawLine);
        } catch (IllegalArgumentException notShell) {
            return new FakeRequest(node, user, rawLine, rawLine, false, stdin, null);
        }
        boolean sudo = words.size() > 3 && words.subList(0, 3).equals(List.of("sudo", "-n", "--"));
        boolean sudoUser = words.size() > 5 && words.subList(0, 3).equals(List.of("sudo", "-n", "-u"))
                && words.get(4).equals("--");
        String as = sudo ? "root" : sudoUser ? words.get(3) : null;
        List<String> rest = sudo ? words.subList(3, words.size()) : sudoUser ? words.subList(5, words.size()) : words;
        if (rest.size() > 4 && rest.get(0).equals("timeout") && rest.get(1).equals("-k")) {
            return new FakeRequest(node, user, rawLine, Shell.join(rest.subList(4, rest.size())), as != null, stdin,
                    seconds(rest.get(3)), as);
        }
        if (as != null && rest.size() == 3 && rest.get(0).equals("sh") && rest.get(1).equals("-c")) {
            return new FakeRequest(node, user, rawLine, rest.get(2), true, stdin, null, as);
        }
        return new FakeRequest(node, user, rawLine, rawLine, false, stdin, null);
    }

    /** The argv of {@link #line}, undoing {@code Shell.join}'s quoting (single and double quotes). */
    public List<String> argv() {
        return unquote(line);
    }

    static List<String> unquote(String s) {
        return dev.duet.transport.ShellWords.split(s);
    }

    /** GNU timeout's duration as SshNode writes it ("300s", "0.300s"). */
    private static Duration seconds(String word) {
        double s = Double.parseDouble(word.endsWith("s") ? word.substring(0, word.length() - 1) : word);
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
