package dev.duet.cli;

import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.parse.Format;
import dev.duet.drbd.parse.StatusJson;
import dev.duet.drbd.parse.StatusParseException;
import dev.duet.drbd.parse.StatusParser;
import dev.duet.drbd.parse.StatusTable;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code duet status}: DRBD state as one JSON object (the documented contract) or a table. {@code --from}
 * parses saved output of any status interface; {@code -i} (live, both nodes) is wired by the CLI lead on
 * top of {@code dev.duet.drbd.LiveStatus} and {@code PairStatusTable}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show DRBD state, parsed from any status interface.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "FILE",
            description = "Parse saved output (/proc/drbd, drbd-overview, drbdadm status, drbdsetup status "
                    + "--json, drbdsetup events2) instead of asking the nodes; - reads stdin.")
    Path from;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Format of --from when auto-detection is not wanted: proc_drbd, drbd_overview, "
                    + "drbdadm_status, status_json, events2.")
    String format;

    @Option(names = "--json", description = "Print one JSON object (stable contract, see docs/status.md).")
    boolean json;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Gather live from both nodes of the inventory.")
    Path inventory;

    @Spec
    CommandSpec spec;

    private InputStream stdin = System.in;

    /** Where {@code --from -} reads (tests pass their own). */
    public StatusCommand withStdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    @Override
    public Integer call() {
        try {
            if (from == null) {
                throw new InputException(inventory == null
                        ? "status: expected --from FILE (or -i INVENTORY)"
                        : "status -i: live gathering is not available in this build yet; use --from FILE");
            }
            String text = read(from);
            DrbdStatus status = format == null ? StatusParser.parse(text)
                    : StatusParser.parse(text, Format.byId(format));
            spec.commandLine().getOut().println(json ? StatusJson.write(status) : StatusTable.render(status));
            if (!status.skipped().isEmpty()) {
                spec.commandLine().getErr().println(source() + ": skipped " + status.skipped().size()
                        + " line(s) that are not " + status.format() + ": " + String.join("; ", status.skipped()));
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (StatusParseException e) {
            return fail(source() + ": " + e.getMessage());
        } catch (InputException e) {
            return fail(e.getMessage());
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("duet status: " + message);
        spec.commandLine().getErr().flush();
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
