package dev.duet.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run that loads the classes a real run loads, without reaching any host: {@code scripts/duet} runs it
 * once after each build to record those classes in its AppCDS archive (a syntax check then starts in
 * ~0.5 s instead of ~1.2 s here). It plans the repository's playbooks against two hosts on a loopback
 * port that closes every connection at once, so the SSH client, the runner and both renderers are
 * loaded, and nothing leaves this machine. Its output and log go nowhere. It never keeps connections,
 * whatever DUET_PERSIST says: a training run must not start a connection keeper.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        Path tmp = Files.createTempDirectory("duet-training");
        System.setProperty("DUET_LOG_DIR", tmp.toString());
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        try (ServerSocket closing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> closeEach(closing), "duet-training");
            acceptor.setDaemon(true);
            acceptor.start();
            Path inventory = Files.writeString(tmp.resolve("inventory.yml"), inventory(closing.getLocalPort(), tmp));
            System.setOut(nowhere);
            System.setErr(nowhere);
            for (String playbook : new String[] {"dual-primary-ocfs2.yml", "dual-primary-pacemaker.yml"}) {
                String pb = repo.resolve("playbooks").resolve(playbook).toString();
                Main.commandLine().execute("apply", "--syntax-check", "-i", inventory.toString(), pb);
                Main.commandLine().execute("plan", "--persist", "no", "-i", inventory.toString(), pb);
                Main.commandLine().execute("plan", "--persist", "no", "--json", "-i", inventory.toString(), pb);
            }
            Main.commandLine().execute("status", "--persist", "no", "-i", inventory.toString());
            loadEveryClassOfDuet();
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.clearProperty("DUET_LOG_DIR");
            deleteTree(tmp);
        }
    }

    /**
     * Loads, without initialising, every Duet class of the jar this runs from, so the archive also holds
     * those the runs above do not reach (kept connections, the status parsers, recover): each costs a
     * read from the jar and a verification on every start otherwise. Outside a jar (tests) it does nothing.
     */
    static void loadEveryClassOfDuet() throws IOException {
        var source = StartupTraining.class.getProtectionDomain().getCodeSource();
        if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
            return;
        }
        ClassLoader loader = StartupTraining.class.getClassLoader();
        try (var jar = new java.util.jar.JarFile(source.getLocation().getPath())) {
            for (var entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.startsWith("dev/duet/") && name.endsWith(".class")) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // not loadable alone (e.g. an optional dependency missing): it is loaded when used, if ever
                    }
                }
            }
        }
    }

    private static String inventory(int port, Path tmp) {
        StringBuilder s = new StringBuilder("drbd_pair:\n  vars:\n    drbd_disk: /dev/vdb\n    known_hosts: ")
                .append(tmp.resolve("known_hosts")).append("\n  hosts:\n");
        for (int i = 1; i <= 2; i++) {
            s.append("    node").append(i).append(":\n      ansible_host: 127.0.0.1\n      ansible_port: ").append(port)
                    .append("\n      ansible_user: root\n      replication_address: 192.0.2.").append(i).append('\n');
        }
        return s.toString();
    }

    private static void closeEach(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.getOutputStream().write("SSH-2.0-training\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
