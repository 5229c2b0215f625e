package dev.duet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * One in-process run of {@code duet ARGS} through {@link Main#commandLine()}: exit code, stdout (the
 * renderers print to System.out, picocli commands to their own writer: both captured) and stderr.
 */
record CliRun(int exit, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun of(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter picoOut = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream old = System.out;
        int exit;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = Main.commandLine(args);
            cl.setOut(new PrintWriter(picoOut, true));
            cl.setErr(new PrintWriter(err, true));
            exit = cl.execute(args);
        } finally {
            System.out.flush();
            System.setOut(old);
        }
        return new CliRun(exit, bytes.toString(StandardCharsets.UTF_8) + picoOut, err.toString());
    }

    /** The PLAY RECAP counter {@code field} (ok, changed, unreachable, failed, skipped) of {@code host}. */
    int recap(String host, String field) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(host) + "\\s+: .*\\b" + field + "=(\\d+)").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no PLAY RECAP line for " + host + " in:\n" + out + "\nstderr:\n" + err);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Every stdout line parsed as JSON (fails on a line that is not). */
    List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return events;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
