package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.OpenSshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher end to end: {@code scripts/duet apply} and {@code plan} as a user runs them, against
 * two real OpenSSH servers. An integration test (failsafe, after {@code package}): the launcher runs
 * target/duet.jar, and would build it itself were it missing.
 */
class ScriptsDuetOpenSshIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static OpenSshPair pair;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pair = new OpenSshPair();
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    record Run(int exit, String out) {
        int changed(String host) {
            var m = java.util.regex.Pattern.compile("(?m)^" + host + "\\s+: ok=\\d+\\s+changed=(\\d+)").matcher(out);
            assertThat(m.find()).as("PLAY RECAP line for " + host + " in\n" + out).isTrue();
            return Integer.parseInt(m.group(1));
        }
    }

    private Run duet(String... args) throws IOException, InterruptedException {
        return duet(null, args);
    }

    /** With {@code runtimeDir} as XDG_RUNTIME_DIR (where a connection keeper puts its socket), when not null. */
    private Run duet(Path runtimeDir, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(PROJECT.resolve("scripts/duet").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(PROJECT.toFile()).redirectErrorStream(true);
        pb.environment().put("DUET_LOG_DIR", dir.resolve("log").toString());
        if (runtimeDir != null) {
            pb.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("scripts/duet finished").isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void launcherAppliesConvergesAndPlansWithoutChanging() throws Exception {
        String inv = pair.inventory(dir).toString();
        String pb = OpenSshPair.playbook(dir).toString();

        Run first = duet("apply", "-i", inv, pb);

        assertThat(first.exit()).as(first.out()).isZero();
        for (OpenSshServer s : pair.both()) {
            assertThat(first.changed(s.name())).isEqualTo(2);
            assertThat(s.scratch().resolve("app.conf")).hasContent("node=" + s.name());
        }
        FileTime written = Files.getLastModifiedTime(pair.node1.scratch().resolve("app.conf"));

        Run second = duet("apply", "-i", inv, pb);

        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(second.changed("node1")).isZero();
        assertThat(second.changed("node2")).isZero();

        Files.delete(pair.node2.scratch().resolve("app.conf"));
        Run plan = duet("plan", "-i", inv, pb);

        assertThat(plan.exit()).as(plan.out()).isZero();
        assertThat(plan.changed("node1")).isZero();
        assertThat(plan.changed("node2")).isEqualTo(1);
        assertThat(pair.node2.scratch().resolve("app.conf")).doesNotExist();
        assertThat(Files.getLastModifiedTime(pair.node1.scratch().resolve("app.conf"))).isEqualTo(written);
        assertThat(dir.resolve("log/duet.log")).content().contains("node1 rc=0");
    }

    @Test
    void withPersistTheNextRunUsesTheKeptConnectionsAndStillConverges() throws Exception {
        String inv = pair.inventory(dir).toString();
        String pb = OpenSshPair.playbook(dir).toString();
        Path runtime = Files.createDirectories(dir.resolve("run"));
        try {
            Run first = duet(runtime, "apply", "--persist", "30s", "-i", inv, pb);
            assertThat(first.exit()).as(first.out()).isZero();
            long[] logins = {logins(pair.node1), logins(pair.node2)};

            Run second = duet(runtime, "apply", "--persist", "30s", "-i", inv, pb);
            Files.delete(pair.node2.scratch().resolve("app.conf"));
            Run third = duet(runtime, "apply", "--persist", "30s", "-i", inv, pb);

            assertThat(second.exit()).as(second.out()).isZero();
            assertThat(second.changed("node1")).isZero();
            assertThat(second.changed("node2")).isZero();
            assertThat(third.exit()).as(third.out()).isZero();
            assertThat(third.changed("node2")).isEqualTo(1);
            assertThat(pair.node2.scratch().resolve("app.conf")).hasContent("node=node2");
            // no new SSH login: both later runs went through the connections the first one left open
            assertThat(new long[] {logins(pair.node1), logins(pair.node2)}).containsExactly(logins);
            assertThat(dir.resolve("log/duet.log")).content().contains("started the connection keeper");
            // the run's own log names the commands the keeper sent for it
            assertThat(dir.resolve("log/duet.log")).content().contains("node2 wrote ");

            // stopped by a signal (as `pkill -f dev.duet.cli.KeeperMain` does), it removes its socket
            List<ProcessHandle> keepers = ProcessHandle.allProcesses().filter(h -> h.info().arguments()
                    .map(a -> String.join(" ", a).contains(runtime.toString())).orElse(false)).toList();
            assertThat(keepers).as("the keeper's process").hasSize(1);
            assertThat(runtime.resolve("duet")).isDirectoryContaining("glob:**.sock");
            keepers.get(0).destroy();
            keepers.get(0).onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(runtime.resolve("duet")).isDirectoryNotContaining("glob:**.sock");
        } finally {
            for (OpenSshServer s : pair.both()) {
                // the pair is shared: leave it as the other test expects to find it
                Files.deleteIfExists(s.scratch().resolve("app.conf"));
                Files.deleteIfExists(s.scratch().resolve("initialised"));
            }
            ProcessHandle.allProcesses()
                    .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(runtime.toString())).orElse(false))
                    .forEach(ProcessHandle::destroy);
        }
    }

    private static long logins(OpenSshServer server) {
        return server.log().lines().filter(l -> l.contains("Accepted publickey")).count();
    }
}
