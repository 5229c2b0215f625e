package dev.duet.output;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.duet.error.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSetupTest {
    @TempDir
    Path dir;

    private List<String> logged(java.util.function.Consumer<LoggerContext> logging) throws Exception {
        LoggerContext context = new LoggerContext();
        // as Logback prepares its default context before configuring it
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.start();
        LogSetup.setUp(context, dir.resolve("logs").toString());
        logging.accept(context);
        context.stop();
        return Files.readAllLines(dir.resolve("logs/duet.log"));
    }

    @Test
    void commandsAndDuetsOwnLinesGoToTheFileInTheOldPattern() throws Exception {
        List<String> lines = logged(c -> {
            c.getLogger("duet.commands").info("node1 rc=0 12ms: drbdadm --version");
            c.getLogger("dev.duet.engine.Runner").info("a run's own line");
            c.getLogger("dev.duet.engine.Runner").debug("not at INFO");
        });
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[[^\\]]+\\] "
                + "duet.commands - node1 rc=0 12ms: drbdadm --version");
        assertThat(lines.get(1)).endsWith(" INFO  [" + Thread.currentThread().getName() + "] d.duet.engine.Runner - a run's own line");
    }

    @Test
    void sshLibrariesOnlyFromWarn() throws Exception {
        List<String> lines = logged(c -> {
            for (String name : List.of("net.schmizz.sshj.Transport", "com.hierynomus.sshj.X", "org.apache.sshd.Y")) {
                c.getLogger(name).info("chatter from " + name);
                c.getLogger(name).warn("warning from " + name);
            }
        });
        assertThat(lines).hasSize(3).allMatch(l -> l.contains(" WARN  ") && l.contains("warning from "));
    }

    @Test
    void aRegisteredSecretNeverReachesTheFile() throws Exception {
        String secret = "log-setup-test-secret-7f3a";
        Redaction.register(secret);
        List<String> lines = logged(c -> c.getLogger("duet.commands").info("node1 rc=0 5ms: echo " + secret));
        assertThat(String.join("\n", lines)).doesNotContain(secret).contains(Redaction.MASK);
    }

    @Test
    void theFileIsAppendedTo() throws Exception {
        logged(c -> c.getLogger("duet.commands").info("first run"));
        List<String> lines = logged(c -> c.getLogger("duet.commands").info("second run"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("first run");
    }
}
