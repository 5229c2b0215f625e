package dev.duet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port on 127.0.0.1 that accepts TCP connections and never says a word: what a hung sshd or a stuck
 * middlebox looks like to an SSH client (connected, no greeting).
 */
public final class SilentHost implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private SilentHost(ServerSocket server) {
        this.server = server;
    }

    public static SilentHost start() {
        try {
            SilentHost h = new SilentHost(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread t = new Thread(h::accept, "silent-host-" + h.port());
            t.setDaemon(true);
            t.start();
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections were accepted (and held without a word). */
    public int accepted() {
        return held.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing a test fixture
        }
    }
}
