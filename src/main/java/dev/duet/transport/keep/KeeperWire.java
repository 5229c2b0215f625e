package dev.duet.transport.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.CommandResult;
import dev.duet.transport.DroppedDuringChange;
import dev.duet.transport.Escalation;
import dev.duet.transport.ssh.SshEndpoint;
import dev.duet.transport.ssh.SshOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What travels between a run and the connection keeper: one JSON object per line, over a Unix socket
 * only its user can open. Field by field, so a record gaining a field does not silently change the wire.
 * Standard input of a command (a secret, sometimes) travels like the rest, and is never logged by either side.
 */
final class KeeperWire {
    static final ObjectMapper JSON = new ObjectMapper();

    private KeeperWire() {
    }

    static void write(OutputStream out, JsonNode message) throws IOException {
        byte[] line = JSON.writeValueAsBytes(message);
        synchronized (out) {
            out.write(line);
            out.write('\n');
            out.flush();
        }
    }

    /**
     * The channel's bytes as a stream. Not {@code Channels.newInputStream}: its streams hold the channel's
     * blocking lock while they wait, so a request could not write (a stream's lines) while another thread
     * waits to read (the run closing it).
     */
    static BufferedReader reader(java.nio.channels.SocketChannel channel) {
        java.io.InputStream in = new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(java.nio.ByteBuffer.wrap(b, off, len));
            }
        };
        return new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Writing to the channel without its blocking lock (see {@link #reader}). */
    static OutputStream writer(java.nio.channels.SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    /** The next message; null at the end of the stream. */
    static JsonNode read(BufferedReader in) throws IOException {
        String line = in.readLine();
        return line == null ? null : JSON.readTree(line);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode command(Command c) {
        ObjectNode n = object();
        ArrayNode argv = n.putArray("argv");
        c.argv().forEach(argv::add);
        n.put("readOnly", c.readOnly());
        if (c.stdin() != null) {
            n.put("stdin", c.stdin());
        }
        n.put("timeoutMs", c.timeout().toMillis());
        n.put("sensitiveStdin", c.sensitiveStdin());
        return n;
    }

    static Command command(JsonNode n) {
        List<String> argv = new ArrayList<>();
        n.get("argv").forEach(w -> argv.add(w.asText()));
        String stdin = n.hasNonNull("stdin") ? n.get("stdin").asText() : null;
        return new Command(argv, n.get("readOnly").asBoolean(), stdin, Duration.ofMillis(n.get("timeoutMs").asLong()),
                n.get("sensitiveStdin").asBoolean());
    }

    static ArrayNode commands(List<Command> commands) {
        ArrayNode a = JSON.createArrayNode();
        commands.forEach(c -> a.add(command(c)));
        return a;
    }

    static List<Command> commands(JsonNode a) {
        List<Command> out = new ArrayList<>();
        a.forEach(c -> out.add(command(c)));
        return out;
    }

    static ObjectNode result(CommandResult r) {
        ObjectNode n = object();
        n.set("command", command(r.command()));
        n.put("exitCode", r.exitCode());
        n.put("stdout", r.stdout());
        n.put("stderr", r.stderr());
        n.put("durationMs", r.duration().toMillis());
        return n;
    }

    static CommandResult result(JsonNode n) {
        return new CommandResult(command(n.get("command")), n.get("exitCode").asInt(), n.get("stdout").asText(),
                n.get("stderr").asText(), Duration.ofMillis(n.get("durationMs").asLong()));
    }

    static ArrayNode results(List<CommandResult> results) {
        ArrayNode a = JSON.createArrayNode();
        results.forEach(r -> a.add(result(r)));
        return a;
    }

    static List<CommandResult> results(JsonNode a) {
        List<CommandResult> out = new ArrayList<>();
        a.forEach(r -> out.add(result(r)));
        return out;
    }

    static ObjectNode endpoint(SshEndpoint e) {
        ObjectNode n = object();
        n.put("node", e.node());
        n.put("address", e.address());
        n.put("port", e.port());
        n.put("user", e.user());
        return n;
    }

    static SshEndpoint endpoint(JsonNode n) {
        return new SshEndpoint(n.get("node").asText(), n.get("address").asText(), n.get("port").asInt(),
                n.get("user").asText());
    }

    /** Everything that decides how the connection is made and verified; become is per request. */
    static ObjectNode options(SshOptions o) {
        ObjectNode n = object();
        n.put("knownHosts", o.knownHosts().toString());
        n.put("acceptNewHostKeys", o.acceptNewHostKeys());
        n.put("connectTimeoutMs", o.connectTimeout().toMillis());
        n.put("commandTimeoutMs", o.commandTimeout().toMillis());
        n.put("keepaliveIntervalMs", o.keepaliveInterval().toMillis());
        if (o.identityFile() != null) {
            n.put("identityFile", o.identityFile().toString());
        }
        return n;
    }

    static SshOptions options(JsonNode n) {
        return new SshOptions(Path.of(n.get("knownHosts").asText()), n.get("acceptNewHostKeys").asBoolean(),
                Duration.ofMillis(n.get("connectTimeoutMs").asLong()), Duration.ofMillis(n.get("commandTimeoutMs").asLong()),
                Duration.ofMillis(n.get("keepaliveIntervalMs").asLong()), false,
                n.hasNonNull("identityFile") ? Path.of(n.get("identityFile").asText()) : null);
    }

    static ObjectNode escalation(Escalation e) {
        ObjectNode n = object();
        n.put("become", e.become());
        if (e.user() != null) {
            n.put("user", e.user());
        }
        return n;
    }

    static Escalation escalation(JsonNode n) {
        return Escalation.of(n.get("become").asBoolean(), n.hasNonNull("user") ? n.get("user").asText() : null);
    }

    /** An error as the run must see it: its reason and words, and for a cut-short change what was cut short. */
    static ObjectNode error(RuntimeException e) {
        ObjectNode n = object();
        if (e instanceof DroppedDuringChange d) {
            n.put("kind", "dropped");
            n.put("node", d.node());
            n.put("hostPort", d.hostPort());
            n.put("what", d.what());
        } else if (e instanceof CommandFailedException f && f.result() != null) {
            n.put("kind", "commandFailed");
            n.put("node", f.node());
            n.set("result", result(f.result()));
        } else if (e instanceof DuetException) {
            n.put("kind", "duet");
        } else {
            n.put("kind", "other");
        }
        n.put("reason", e instanceof DuetException d ? d.reason().name() : Reason.UNREACHABLE.name());
        // not a DuetException: a defect in the keeper, said as one (the host's state is unknown)
        n.put("message", e instanceof DuetException ? e.getMessage()
                : "the connection keeper failed (a defect, see its log): " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
        return n;
    }

    static DuetException error(JsonNode n) {
        if ("dropped".equals(n.get("kind").asText())) {
            return new DroppedDuringChange(n.get("node").asText(), n.get("hostPort").asText(), n.get("what").asText(),
                    null);
        }
        if ("commandFailed".equals(n.get("kind").asText())) {
            return new CommandFailedException(n.get("node").asText(), result(n.get("result")));
        }
        return new DuetException(Reason.valueOf(n.get("reason").asText()), n.get("message").asText());
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
