package dev.duet.transport.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.error.DuetException;
import dev.duet.transport.LineStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stream run by the keeper: its lines arrive on the request's connection and go to {@code onLine} on a
 * reader thread; closing it closes that connection, and the keeper then closes the remote command.
 */
final class KeptLineStream implements LineStream {
    private final KeeperSocket.Opened request;
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private KeptLineStream(KeeperSocket.Opened request) {
        this.request = request;
    }

    /** Starts the stream; {@code within} bounds only the wait for the keeper's first answer. */
    static Optional<LineStream> start(KeeperSocket keeper, ObjectNode request, Duration within, Consumer<String> onLine,
            Function<IOException, DuetException> unreachable) {
        KeeperSocket.Opened opened;
        try {
            opened = keeper.open(request, within);
        } catch (IOException e) {
            throw unreachable.apply(e);
        }
        if (!opened.answer().path("streaming").asBoolean()) {
            KeeperSocket.closeQuietly(opened.channel());
            return Optional.empty();
        }
        KeptLineStream stream = new KeptLineStream(opened);
        Thread reader = new Thread(() -> stream.read(opened.in(), onLine), "keeper-stream");
        reader.setDaemon(true);
        reader.start();
        return Optional.of(stream);
    }

    private void read(BufferedReader in, Consumer<String> onLine) {
        String reason = "the connection keeper closed the stream";
        try {
            JsonNode m;
            while ((m = KeeperWire.read(in)) != null) {
                if (m.has("line")) {
                    onLine.accept(m.get("line").asText());
                } else if (m.has("end")) {
                    reason = m.path("reason").asText();
                    break;
                }
            }
        } catch (IOException e) {
            reason = "the connection keeper stopped answering: " + e.getMessage();
        } finally {
            ended.complete(reason); // a close before this already said "closed"
        }
    }

    @Override
    public boolean isOpen() {
        return !ended.isDone();
    }

    @Override
    public String endReason() {
        return ended.getNow("");
    }

    @Override
    public CompletionStage<String> ended() {
        return ended;
    }

    @Override
    public void close() {
        ended.complete("closed");
        KeeperSocket.closeQuietly(request.channel());
    }
}
