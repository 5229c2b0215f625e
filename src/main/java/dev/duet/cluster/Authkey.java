package dev.duet.cluster;

import dev.duet.modules.ManagedFile;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * corosync's shared key. One host makes it (the play's first host, with {@code corosync-keygen -l}) and
 * every other host takes a copy of that host's file: read and written as files over SFTP (0400
 * root:root), so the key never reaches argv, a log line, a diff or a message. The same rule decides in
 * the check and the act half: the key-maker's key is the source; a key-maker without one adopts a
 * peer's existing key rather than splitting the pair; only when no host has one is a key generated.
 */
final class Authkey {
    static final String PATH = "/etc/corosync/authkey";
    static final String MODE = "0400";

    private Authkey() {
    }

    /** The host that makes the key: the first of the play, in inventory order. */
    static String maker(StepContext ctx) {
        return ctx.playNodes().keySet().iterator().next();
    }

    static boolean isMaker(StepContext ctx) {
        return maker(ctx).equals(ctx.hostName());
    }

    static Optional<byte[]> read(Node node) {
        return node.readFile(PATH);
    }

    /** The key this host should hold, as it stands now; empty while the key-maker has made none. */
    static Optional<Source> source(StepContext ctx) {
        Map<String, Node> nodes = ctx.playNodes();
        String maker = maker(ctx);
        Optional<byte[]> makers = read(nodes.get(maker));
        if (makers.isPresent()) {
            return Optional.of(new Source(maker, makers.get()));
        }
        if (isMaker(ctx)) {
            for (var e : nodes.entrySet()) {
                if (!e.getKey().equals(maker)) {
                    Optional<byte[]> peer = read(e.getValue());
                    if (peer.isPresent()) {
                        return Optional.of(new Source(e.getKey(), peer.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    static ManagedFile file(byte[] key) {
        return new ManagedFile(PATH, key, MODE, "root:root", true);
    }

    /** Where a key comes from; its bytes are never printed ({@link #toString} hides them). */
    record Source(String host, byte[] key) {
        boolean sameAs(Optional<byte[]> other) {
            return other.isPresent() && Arrays.equals(other.get(), key);
        }

        @Override
        public String toString() {
            return "authkey of " + host + " (" + key.length + " bytes)";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Source s && s.host.equals(host) && Arrays.equals(s.key, key);
        }

        @Override
        public int hashCode() {
            return host.hashCode();
        }
    }
}
