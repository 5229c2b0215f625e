package dev.duet.transport.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** The run's side of the keeper's socket: each request on a connection of its own. */
final class KeeperSocket {
    private final Path socket;

    KeeperSocket(Path socket) {
        this.socket = socket;
    }

    Path path() {
        return socket;
    }

    /** A new connection to the keeper; fails when no keeper listens there. */
    SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** One request and its answer. */
    JsonNode call(ObjectNode request) throws IOException {
        try (SocketChannel channel = connect()) {
            KeeperWire.write(KeeperWire.writer(channel), request);
            return answer(reader(channel));
        }
    }

    static BufferedReader reader(SocketChannel channel) {
        return KeeperWire.reader(channel);
    }

    static JsonNode answer(BufferedReader in) throws IOException {
        JsonNode reply = KeeperWire.read(in);
        if (reply == null) {
            throw new EOFException("the keeper closed the request without an answer");
        }
        return reply;
    }
}
