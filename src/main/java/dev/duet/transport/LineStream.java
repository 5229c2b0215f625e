package dev.duet.transport;

import java.util.concurrent.CompletionStage;

/**
 * A long-running read-only command whose stdout arrives line by line (e.g. {@code drbdsetup events2}).
 * Closing it closes the channel, which ends the remote command. {@link #isOpen()} turns false once the
 * remote command ended or the connection dropped, so a reader knows its view has stopped updating.
 */
public interface LineStream extends AutoCloseable {
    /** False once the command ended (or failed, or was closed): no more lines will come. */
    boolean isOpen();

    /** Why the stream ended when it ended on its own (exit code, lost connection); empty while open. */
    String endReason();

    /** Completes with the end reason when the stream ends, on its own or closed ("closed"). */
    CompletionStage<String> ended();

    @Override
    void close();
}
