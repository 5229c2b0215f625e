package dev.duet.transport.ssh;

/** The SSH connection died under an operation: the caller may reconnect once and retry. */
final class ConnectionLost extends RuntimeException {
    ConnectionLost(String message, Throwable cause) {
        super(message, cause);
    }
}
