package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(StatusCommand command, String... args) {
        var cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void printsTheJsonContractForAFile() throws Exception {
        Path f = dir.resolve("proc.txt");
        Files.writeString(f, "version: 8.4.11 (api:1/proto:86-101)\n"
                + " 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----\n");
        assertThat(run(new StatusCommand(), "--from", f.toString(), "--json")).isZero();
        var json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("format").asText()).isEqualTo("proc_drbd");
        assertThat(json.get("version").asText()).isEqualTo("8.4.11");
        assertThat(json.at("/devices/0/peers/0/connection").asText()).isEqualTo("Connecting");
        assertThat(json.at("/devices/0/peers/0/replication").isNull()).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void readsStdinAndPrintsATable() {
        var cmd = new StatusCommand().withStdin(new ByteArrayInputStream(
                "r0 role:Primary\n  disk:UpToDate\n  peer role:Secondary\n    replication:SyncSource peer-disk:Inconsistent done:34.90\n"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(run(cmd, "--from", "-")).isZero();
        assertThat(out.toString()).contains("format: drbdadm_status", "RESOURCE", "r0", "SyncSource", "34.9%");
    }

    @Test
    void unparseableInputExitsFourWithOneLineAndNoStackTrace() throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "bash: line 1: drbd-overview: command not found\n");
        assertThat(run(new StatusCommand(), "--from", f.toString(), "--json")).isEqualTo(4);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).startsWith("duet status: " + f + ": unrecognised DRBD status: expected")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void missingFileIsAnInputError() {
        assertThat(run(new StatusCommand(), "--from", dir.resolve("nope").toString())).isEqualTo(4);
        assertThat(err.toString()).contains("no such file").doesNotContain("\tat ");
    }

    @Test
    void skippedLinesAreReportedOnStderr() throws Exception {
        Path f = dir.resolve("events.txt");
        Files.writeString(f, "exists device name:r0 volume:0 minor:0 disk:UpToDate\nnot an event\nexists -\n");
        assertThat(run(new StatusCommand(), "--from", f.toString(), "--json")).isZero();
        assertThat(err.toString()).contains("skipped 1 line(s) that are not events2: line 2: not an event");
    }
}
