package dev.duet.transport.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.DroppedDuringChange;
import dev.duet.transport.Escalation;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import dev.duet.transport.ssh.SshEndpoint;
import java.io.IOException;
import dev.duet.transport.ssh.SshOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A host reached through the connection keeper: the same operations as an {@code SshNode}, carried out
 * by the keeper on its kept connection, with the keeper's log lines for each logged here again. Holding
 * the lease (a request kept open) keeps the connection the run's; closing the node ends the lease. When
 * the keeper itself goes away mid-run, a read fails as unreachable and a change is reported as cut short
 * (it may have run), exactly as a dropped SSH connection is.
 */
final class KeptNode implements Node {
    private static final Duration BACKSTOP_MARGIN = Duration.ofSeconds(30);
    private final KeeperSocket keeper;
    private final SshEndpoint endpoint;
    /** The connection's command timeout (what a command with the default timeout gets) and connect timeout. */
    private final SshOptions options;
    private final String key;
    private final Escalation escalation;
    /** Null for a view made by {@link #as}: the lease belongs to the node it was made from. */
    private final SocketChannel lease;

    KeptNode(KeeperSocket keeper, SshEndpoint endpoint, SshOptions options, String key, Escalation escalation,
            SocketChannel lease) {
        this.keeper = keeper;
        this.endpoint = endpoint;
        this.options = options;
        this.key = key;
        this.escalation = escalation;
        this.lease = lease;
    }

    @Override
    public String name() {
        return endpoint.node();
    }

    @Override
    public CommandResult run(Command command) {
        ObjectNode r = request("run");
        r.set("command", KeeperWire.command(command));
        return KeeperWire.result(call(r, "`" + command.line() + "`", command.readOnly(), options.timeoutFor(command))
                .get("result"));
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        ObjectNode r = request("runAll");
        r.set("commands", KeeperWire.commands(commands));
        boolean readOnly = commands.stream().allMatch(Command::readOnly);
        Duration all = commands.stream().map(options::timeoutFor).reduce(Duration.ZERO, Duration::plus);
        String what = commands.stream().map(c -> "`" + c.line() + "`").collect(java.util.stream.Collectors.joining(", "))
                + (commands.size() > 1 ? " (one batch)" : "");
        return KeeperWire.results(call(r, what, readOnly, all).get("results"));
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        ObjectNode r = request("read");
        r.put("path", path);
        return content(call(r, "reading " + path, true, options.commandTimeout()));
    }

    @Override
    public FileProbe probeFile(String path) {
        ObjectNode r = request("probe");
        r.put("path", path);
        JsonNode reply = call(r, "probing " + path, true, options.commandTimeout());
        return new FileProbe(content(reply), KeeperWire.result(reply.get("stat")));
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        ObjectNode r = request("write");
        r.put("path", path);
        r.put("content", content);
        if (mode != null) {
            r.put("mode", mode);
        }
        if (owner != null) {
            r.put("owner", owner);
        }
        // an upload, its owner, two syncs and a rename, each within the command timeout
        call(r, "writing " + path, false, options.commandTimeout().multipliedBy(2));
    }

    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        ObjectNode r = request("stream");
        r.set("command", KeeperWire.command(command));
        return KeptLineStream.start(keeper, r, options.connectTimeout().multipliedBy(3).plus(BACKSTOP_MARGIN), onLine,
                e -> unreachable("streaming `" + command.line() + "`", e));
    }

    @Override
    public Optional<Node> as(Escalation other) {
        return Optional.of(new KeptNode(keeper, endpoint, options, key, other, null));
    }

    private ObjectNode request(String op) {
        ObjectNode r = KeeperWire.object();
        r.put("op", op);
        r.put("key", key);
        r.set("escalation", KeeperWire.escalation(escalation));
        return r;
    }

    /**
     * The keeper's answer to one request. It enforces {@code timeout} on the host itself; the wait here
     * adds a margin for the remote kill, a reconnect and one retry, and only guards against a keeper that
     * stopped answering.
     */
    private JsonNode call(ObjectNode request, String what, boolean readOnly, Duration timeout) {
        try {
            return keeper.call(request, timeout.multipliedBy(2).plus(options.connectTimeout().multipliedBy(2))
                    .plus(BACKSTOP_MARGIN));
        } catch (KeeperSocket.NoAnswer e) {
            // the keeper may still be at it: looking again and acting again could do it twice
            throw new DuetException(Reason.UNREACHABLE, name() + ": the connection keeper did not answer during "
                    + what + " (" + e.getMessage() + "); it may still be running there and is not sent again;"
                    + " the host stops here for this run", e);
        } catch (IOException e) {
            if (readOnly) {
                throw unreachable(what, e);
            }
            throw new DroppedDuringChange(name(), endpoint.hostPort() + " (through the connection keeper)", what, e);
        }
    }

    private DuetException unreachable(String what, IOException e) {
        return new DuetException(Reason.UNREACHABLE, name() + ": the connection keeper did not answer during "
                + what + " (" + e.getMessage() + "); run again, or without --persist", e);
    }

    private static Optional<byte[]> content(JsonNode reply) {
        if (!reply.has("content")) {
            return Optional.empty();
        }
        try {
            return Optional.of(reply.get("content").binaryValue());
        } catch (IOException e) {
            throw new IllegalStateException("the keeper sent content that is not base64", e);
        }
    }

    @Override
    public void close() {
        if (lease != null) {
            try {
                lease.close();
            } catch (IOException ignored) {
                // the keeper sees the lease end either way
            }
        }
    }

    @Override
    public String toString() {
        return name() + " (" + endpoint.user() + "@" + endpoint.hostPort() + " through the connection keeper"
                + (escalation.become() ? ", become " + escalation.user() : "") + ")";
    }
}
