package dev.duet.modules;

import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code wait_for} waits on, read from parsed state on the host: a TCP port listening on a local
 * address ({@code ss -Htln}, the Local Address:Port column) or a path existing (with {@code search_regex},
 * its content matching). {@code present}: the port listens / the path is there; else it must be gone.
 * A read that fails is unknown and fails the task; it is never taken as either answer.
 */
record WaitCondition(Integer port, String host, String path, Pattern regex, boolean present) {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");
    static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "::1", "0.0.0.0", "::");

    /** Whether the condition holds now, and what was seen, for messages. */
    record Seen(boolean holds, String what) {
    }

    Seen read(Node node) {
        boolean there = port != null ? listening(node) : pathThere(node);
        return new Seen(there == present, port != null
                ? "port " + port + (there ? " listening" : " not listening") + " on " + host
                : path + (there ? (regex == null ? " present" : " matching " + regex.pattern())
                        : (regex == null ? " absent" : " absent or not matching " + regex.pattern())));
    }

    String describe() {
        if (port != null) {
            return "port " + port + " on " + host + " to " + (present ? "listen" : "stop listening");
        }
        return path + (present ? (regex == null ? " to exist" : " to match " + regex.pattern()) : " to be gone");
    }

    private boolean listening(Node node) {
        String out = node.run(Command.probe("ss", "-Htln")).orThrow(node.name()).stdout();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            int colon = f[3].lastIndexOf(':');
            if (colon < 0 || !f[3].substring(colon + 1).equals(String.valueOf(port))) {
                continue;
            }
            String address = f[3].substring(0, colon).replace("[", "").replace("]", "").replaceFirst("%.*$", "");
            if (matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** A listener on a wildcard address serves every local address; a loopback host is served by 127.x too. */
    private boolean matches(String address) {
        if (address.equals("*") || address.equals("0.0.0.0") || address.equals("::") || !LOOPBACK.contains(host)) {
            return true;
        }
        return address.startsWith("127.") || address.equals("::1") || address.equals("::ffff:127.0.0.1");
    }

    private boolean pathThere(Node node) {
        if (FileState.read(node, path).kind() == FileState.Kind.ABSENT) {
            return false;
        }
        if (regex == null) {
            return true;
        }
        Optional<byte[]> content = node.readFile(path);
        return content.isPresent() && regex.matcher(new String(content.get(), StandardCharsets.UTF_8)).find();
    }
}
