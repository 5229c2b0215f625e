package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import dev.duet.transport.Command;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SshBecomeAndLoggingTest {
    private FakeSshHost host;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger commandsLogger = (Logger) LoggerFactory.getLogger("duet.commands");
    private ch.qos.logback.classic.Level savedLevel;

    @BeforeEach
    void start() {
        host = FakeSshHost.start("node1");
        log.start();
        savedLevel = commandsLogger.getLevel();
        commandsLogger.setLevel(ch.qos.logback.classic.Level.INFO);
        commandsLogger.addAppender(log);
    }

    @AfterEach
    void stop() {
        commandsLogger.detachAppender(log);
        commandsLogger.setLevel(savedLevel);
        host.close();
    }

    @Test
    void everyCommandIsLoggedWithHostExitCodeAndLineButNeverItsSecretStdin() {
        host.on("drbdadm", 0, "");
        try (SshNode node = host.connect()) {
            node.run(Command.change("drbdadm", "create-md", "r0").withSecretStdin("hunter2-shared-secret"));
        }

        assertThat(log.list).singleElement().satisfies(e -> {
            String msg = e.getFormattedMessage();
            assertThat(msg).contains("node1", "rc=0", "drbdadm create-md r0", "(stdin: secret)");
            assertThat(msg).doesNotContain("hunter2");
        });
    }

    @Test
    void nonRootBecomeReadsThroughSudo() {
        String content = "secret-ish\n";
        host.on(line -> line.startsWith("sh -c") && line.contains("base64"),
                r -> FakeReply.ok("present\n" + Base64.getMimeEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)) + "\n"));
        try (SshNode node = new SshNode(host.endpoint("deploy"), host.sshOptions().withBecome(true)).connect()) {
            assertThat(node.readFile("/etc/drbd.d/global_common.conf")).hasValue(content.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(host.requests()).singleElement().satisfies(r -> {
            assertThat(r.viaSudo()).isTrue();
            assertThat(r.argv()).last().isEqualTo("/etc/drbd.d/global_common.conf");
        });
    }

    @Test
    void nonRootBecomeWritesViaStagedUploadAndOneSudoScript() {
        host.on(line -> line.startsWith("sh -c") && line.contains("mv -f"), r -> FakeReply.ok());
        try (SshNode node = new SshNode(host.endpoint("deploy"), host.sshOptions().withBecome(true)).connect()) {
            node.writeFile("/etc/ocfs2/cluster.conf", "c\n".getBytes(StandardCharsets.UTF_8), "0644", "root:root");
        }
        assertThat(host.requests()).singleElement().satisfies(r -> {
            assertThat(r.viaSudo()).isTrue();
            var argv = r.argv();
            // sh -c SCRIPT sh STAGED TARGET SUFFIX MODE OWNER
            assertThat(argv.subList(4, argv.size())).hasSize(5);
            assertThat(argv.get(4)).startsWith("/tmp/.duet-tmp-");
            assertThat(argv.subList(5, 9)).containsExactly("/etc/ocfs2/cluster.conf", argv.get(4).substring(15), "0644", "root:root");
            assertThat(host.fileText(argv.get(4))).as("staged upload").isEqualTo("c\n");
        });
    }
}
