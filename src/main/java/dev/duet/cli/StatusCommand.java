package dev.duet.cli;

import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.parse.Format;
import dev.duet.drbd.parse.StatusParseException;
import dev.duet.drbd.parse.StatusParser;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.output.RedactingStream;
import dev.duet.output.StatusJson;
import dev.duet.output.StatusTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code duet status}: DRBD state as one JSON object (the documented contract) or a table. {@code --from}
 * parses saved output of any status interface; {@code -i} gathers live from the inventory's hosts in
 * parallel (read-only) and shows the pair side by side.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show DRBD state, parsed from any status interface.",
                "With -i, asks every host of the inventory over SSH (read-only probes only) and shows the pair "
                        + "side by side. Exit codes: 0 all nodes answered, 2 a node has no readable DRBD status, "
                        + "3 a node was unreachable, 4 bad input."})
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "FILE",
            description = "Parse saved output (/proc/drbd, drbd-overview, drbdadm status, drbdsetup status "
                    + "--json, drbdsetup events2) instead of asking the nodes; - reads stdin.")
    Path from;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Format of --from when auto-detection is not wanted: proc_drbd, drbd_overview, "
                    + "drbdadm_status, status_json, events2.")
    String format;

    @Option(names = "--json", description = "Print one JSON object (stable contract, see the README's output contract).")
    boolean json;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Gather live from both nodes of the inventory (repeat -i to read several into one, as Ansible does).")
    List<Path> inventories;

    @Option(names = "--hosts", paramLabel = "PATTERN", defaultValue = "all",
            description = "With -i: which inventory hosts or group (default: ${DEFAULT-VALUE}).")
    String hosts;

    @Option(names = "--watch", description = "With -i: redraw whenever what is shown changes, until Ctrl-C. "
            + "Nodes whose DRBD has events2 (kernel 8.4.6+, drbd-utils 8.9.3+) are followed through a running "
            + "`drbdsetup events2 --statistics` (resync progress re-read at most once a second); the others, and "
            + "any node whose stream breaks (said once on stderr), are polled every --interval seconds. "
            + "With --json: one JSON object per line, per change.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "With --watch: seconds between polls of nodes that are not followed, and between "
                    + "re-reads of followed nodes' mounts (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "With --watch: stop after N intervals (default: until interrupted).")
    int count;

    @Option(names = "--persist", paramLabel = "DURATION",
            description = "Keep the SSH connections open for DURATION after the run (60s, 5m; 'no'), in a background"
                    + " process of your own, so the next run skips the handshake (Ansible's ControlPersist)."
                    + " Default: $DUET_PERSIST, else off.")
    String persist;

    @Option(names = "--accept-new-host-keys",
            description = "Record keys of hosts not yet in known_hosts (like OpenSSH accept-new). A changed key is always refused.")
    boolean acceptNewHostKeys;

    @Spec
    CommandSpec spec;

    private InputStream stdin = System.in;
    private PrintWriter out;
    private PrintWriter err;

    /** Where {@code --from -} reads (tests pass their own). */
    public StatusCommand withStdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    @Override
    public Integer call() {
        // The same door as apply and plan: a host (or a pasted file) may print the shared secret.
        out = RedactingStream.wrap(spec.commandLine().getOut());
        err = RedactingStream.wrap(spec.commandLine().getErr());
        try {
            return status();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int status() {
        try {
            if (from != null && inventories != null) {
                throw new InputException("status: give either --from FILE or -i INVENTORY, not both");
            }
            if (inventories != null) {
                return live();
            }
            if (from == null) {
                throw new InputException("status: expected --from FILE (or -i INVENTORY)");
            }
            String text = read(from);
            DrbdStatus status = format == null ? StatusParser.parse(text)
                    : StatusParser.parse(text, Format.byId(format));
            out.println(json ? StatusJson.write(status) : StatusTable.render(status));
            if (!status.skipped().isEmpty()) {
                err.println(source() + ": skipped " + status.skipped().size()
                        + " line(s) that are not " + status.format() + ": " + String.join("; ", status.skipped()));
            }
            out.flush();
            return 0;
        } catch (StatusParseException e) {
            return fail(source() + ": " + e.getMessage());
        } catch (InputException e) {
            return fail(e.getMessage());
        }
    }

    private int live() {
        if (intervalSeconds < 1 || count < 0) {
            throw new InputException("status: --interval must be at least 1 and --count not negative");
        }
        Wiring wiring = new Wiring(inventories, acceptNewHostKeys).persist(Persist.of(persist, System.getenv("DUET_PERSIST")));
        var targets = wiring.inventory().hostsMatching(hosts);
        if (targets.isEmpty()) {
            throw new InputException(Wiring.named(inventories) + ": host pattern '" + hosts + "' matches no host");
        }
        java.util.function.Function<PairSnapshot, String> render = s -> json
                ? (watch ? s.json().toString() : s.json().toPrettyString()) : s.table();
        try (LivePair pair = new LivePair(targets, wiring.opener())) {
            if (watch) {
                var statusWatch = new StatusWatch(pair, render, out, err,
                        System.console() != null, !json);
                return untilInterrupted(statusWatch);
            }
            PairSnapshot snapshot = new PairSnapshot(pair.gather());
            String text = render.apply(snapshot);
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
            return snapshot.exitCode();
        }
    }

    /** Ctrl-C runs shutdown hooks while the watch is still in its loop: see {@link StatusWatch#onShutdown}. */
    private int untilInterrupted(StatusWatch statusWatch) {
        Thread hook = new Thread(statusWatch.onShutdown(), "duet-status-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return statusWatch.run(java.time.Duration.ofSeconds(intervalSeconds), count);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it closes the pair
            }
        }
    }

    private int fail(String message) {
        err.println("duet status: " + message);
        err.flush();
        return Reason.INPUT.exitCode();
    }

    private String source() {
        return from == null || from.toString().equals("-") ? "stdin" : from.toString();
    }

    private String read(Path file) {
        try {
            byte[] bytes = file.toString().equals("-") ? stdin.readAllBytes() : Files.readAllBytes(file);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, 0, 0, "cannot read status file: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }
}
