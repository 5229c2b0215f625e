package dev.duet.testing;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An in-memory node for unit tests of steps: commands are answered by the first rule whose prefix
 * matches the command line; files live in a map. Records every command and write, so a test can
 * assert what reached the host.
 */
public final class ScriptedNode implements Node {
    private final String name;
    private final Map<String, Function<Command, CommandResult>> rules = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    /** Its own lock, not the node's: a read may come while a scripted command blocks in {@link #run}. */
    private final List<String> reads = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<List<Command>> batches = new ArrayList<>();

    public ScriptedNode(String name) {
        this.name = name;
    }

    /** Answers commands whose line starts with {@code prefix}. Later rules are tried after earlier ones. */
    public ScriptedNode on(String prefix, int exit, String stdout) {
        return on(prefix, c -> result(c, exit, stdout, ""));
    }

    public ScriptedNode on(String prefix, int exit, String stdout, String stderr) {
        return on(prefix, c -> result(c, exit, stdout, stderr));
    }

    public ScriptedNode on(String prefix, Function<Command, CommandResult> answer) {
        rules.put(prefix, answer);
        return this;
    }

    public ScriptedNode file(String path, String content) {
        files.put(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** One scripted answer, for rules whose answer changes from call to call. */
    public record Reply(int exit, String stdout, String stderr) {
        public CommandResult to(Command c) {
            return result(c, exit, stdout, stderr);
        }
    }

    public static CommandResult result(Command c, int exit, String stdout, String stderr) {
        return new CommandResult(c, exit, stdout, stderr, Duration.ofMillis(1));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized CommandResult run(Command command) {
        commands.add(command);
        String line = command.line();
        for (var e : rules.entrySet()) {
            if (line.startsWith(e.getKey())) {
                return e.getValue().apply(command);
            }
        }
        throw new AssertionError(name + ": no scripted reply for `" + line + "`");
    }

    /** Runs {@code commands} one by one, as a host answers a batch, and records them as one batch. */
    @Override
    public synchronized List<CommandResult> runAll(List<Command> commands) {
        batches.add(List.copyOf(commands));
        return Node.super.runAll(commands);
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        reads.add(path);
        return Optional.ofNullable(files.get(path));
    }

    /** The paths read, in order (a file probe reads the content, then runs {@code stat -c}). */
    public List<String> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    @Override
    public synchronized void writeFile(String path, byte[] content, String mode, String owner) {
        writes.add(path);
        files.put(path, content.clone());
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Every {@link #runAll} call's commands, in order (a read-ahead's batches, a check's one round trip). */
    public synchronized List<List<Command>> batches() {
        return List.copyOf(batches);
    }

    public synchronized List<Command> mutatingCommands() {
        return commands.stream().filter(c -> !c.readOnly()).toList();
    }

    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    public String fileText(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
