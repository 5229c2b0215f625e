package dev.duet.engine;

import dev.duet.error.DuetException;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.Optional;

/** Stands in for a host that could not be connected: every use rethrows the connection error. */
final class UnreachableNode implements Node {
    private final String name;
    private final DuetException cause;

    UnreachableNode(String name, DuetException cause) {
        this.name = name;
        this.cause = cause;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandResult run(Command command) {
        throw cause;
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        throw cause;
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        throw cause;
    }
}
