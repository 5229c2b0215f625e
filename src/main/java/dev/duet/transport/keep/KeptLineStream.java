package dev.duet.transport.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.error.DuetException;
import dev.duet.transport.LineStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stream run by the keeper: its lines arrive on the request's connection and go to {@code onLine} on a
 * reader thread; closing it closes that connection, and the keeper then closes the remote command.
 */
final class KeptLineStream implements LineStream {
    private final SocketChannel channel;
    private volatile boolean open = true;
    private volatile String endReason = "";

    private KeptLineStream(SocketChannel channel) {
        this.channel = channel;
    }

    static Optional<LineStream> start(KeeperSocket keeper, ObjectNode request, Duration within, Consumer<String> onLine,
            Function<IOException, DuetException> unreachable) {
        SocketChannel channel = null;
        try {
            channel = keeper.connect();
            var backstop = KeeperSocket.closeAfter(channel, within); // only until the stream has started
            KeeperWire.write(KeeperWire.writer(channel), request);
            BufferedReader in = KeeperSocket.reader(channel);
            JsonNode reply = KeeperSocket.answer(in);
            backstop.cancel(false);
            if (!channel.isOpen()) {
                throw new IOException("no answer within " + within.toSeconds() + " s");
            }
            LogCapture.replay(reply.get("logs"));
            if (reply.has("error")) {
                channel.close();
                throw KeeperWire.error(reply.get("error"));
            }
            if (!reply.path("streaming").asBoolean()) {
                channel.close();
                return Optional.empty();
            }
            KeptLineStream stream = new KeptLineStream(channel);
            Thread reader = new Thread(() -> stream.read(in, onLine), "keeper-stream");
            reader.setDaemon(true);
            reader.start();
            return Optional.of(stream);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw unreachable.apply(e);
        }
    }

    private void read(BufferedReader in, Consumer<String> onLine) {
        try {
            JsonNode m;
            while ((m = KeeperWire.read(in)) != null) {
                if (m.has("line")) {
                    onLine.accept(m.get("line").asText());
                } else if (m.has("end")) {
                    endReason = m.path("reason").asText();
                    break;
                }
            }
            if (endReason.isEmpty()) {
                endReason = "the connection keeper closed the stream";
            }
        } catch (IOException e) {
            if (open) {
                endReason = "the connection keeper stopped answering: " + e.getMessage();
            }
        } finally {
            open = false;
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String endReason() {
        return open ? "" : endReason;
    }

    @Override
    public void close() {
        open = false;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
