package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeRequest;
import dev.duet.testing.FakeSshHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The embedded host with its SFTP subsystem removed: files go over exec channels. Its rules play the
 * host's shell (they decode stdin into the file), so the test sees exactly what was sent where.
 */
class SshNodeWithoutSftpTest {
    private static final String SECRET = "Pa1r-Secret-on-stdin-only";

    private FakeSshHost host;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("duet.commands"),
            (Logger) LoggerFactory.getLogger(SshNode.class));

    @BeforeEach
    void start() {
        host = FakeSshHost.start("node1").withoutSftp();
        host.on(line -> line.startsWith("sh -c") && line.contains("base64 -d"), this::install);
        host.on(line -> line.startsWith("sh -c") && line.contains("base64 <"), this::read);
        log.start();
        loggers.forEach(l -> l.addAppender(log));
    }

    @AfterEach
    void stop() {
        loggers.forEach(l -> l.detachAppender(log));
        host.close();
    }

    /** sh -c WRITE sh TARGET TEMP MODE OWNER SYNC, content base64 on stdin. */
    private FakeReply install(FakeRequest r) {
        List<String> argv = r.argv();
        try {
            Path target = host.path(argv.get(4));
            Files.createDirectories(target.getParent());
            Files.write(target, Base64.getMimeDecoder().decode(r.stdin().strip()));
            return FakeReply.ok();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FakeReply read(FakeRequest r) {
        Path file = host.path(r.argv().get(4));
        try {
            return Files.exists(file)
                    ? FakeReply.ok("present\n" + Base64.getMimeEncoder().encodeToString(Files.readAllBytes(file)) + "\n")
                    : FakeReply.ok("absent\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void writesAndReadsOverExecWithTheContentOnStdinOnly() {
        byte[] content = ("secret \"" + SECRET + "\";\n").getBytes(StandardCharsets.UTF_8);
        try (SshNode node = host.connect()) {
            node.writeFile("/etc/drbd.d/r0.res", content, "0600", "root:root");
            node.writeFile("/etc/drbd.d/r0.res", content, "0600", "root:root");

            assertThat(node.readFile("/etc/drbd.d/r0.res")).hasValue(content);
            assertThat(node.readFile("/etc/drbd.d/missing.res")).isEmpty();
        }

        List<FakeRequest> writes = host.requests().stream().filter(r -> r.line().contains("base64 -d")).toList();
        assertThat(writes).hasSize(2).allSatisfy(w -> {
            List<String> argv = w.argv();
            assertThat(argv.subList(4, argv.size())).satisfiesExactly(
                    target -> assertThat(target).isEqualTo("/etc/drbd.d/r0.res"),
                    temp -> assertThat(temp).startsWith("/etc/drbd.d/.duet-tmp-"),
                    mode -> assertThat(mode).isEqualTo("0600"),
                    owner -> assertThat(owner).isEqualTo("root:root"),
                    sync -> assertThat(sync).isNotEmpty());
            assertThat(Base64.getMimeDecoder().decode(w.stdin().strip())).isEqualTo(content);
        });
        String base64 = Base64.getEncoder().encodeToString(content);
        assertThat(host.requests()).allSatisfy(r -> assertThat(r.rawLine()).doesNotContain(SECRET).doesNotContain(base64));
        assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(SECRET));
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("refused the SFTP subsystem"))
                .as("said once").hasSize(1);
    }

    @Test
    void aModeThatIsNotOctalIsRefusedBeforeAnythingIsSent() {
        try (SshNode node = host.connect()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.writeFile("/etc/x", new byte[0], "rw", null))
                    .hasMessageContaining("not an octal mode");
        }
        assertThat(host.requests()).noneMatch(r -> r.line().contains("base64 -d"));
    }

    @Test
    void aNonRootUserWithBecomeWritesThroughSudoOverExecToo() {
        byte[] content = "global { usage-count no; }\n".getBytes(StandardCharsets.UTF_8);
        try (SshNode node = new SshNode(host.endpoint("deploy"), host.sshOptions().withBecome(true)).connect()) {
            node.writeFile("/etc/drbd.d/global_common.conf", content, "0644", null);

            assertThat(node.readFile("/etc/drbd.d/global_common.conf")).hasValue(content);
        }
        assertThat(host.requests()).filteredOn(r -> r.line().contains("base64 -d")).singleElement()
                .satisfies(w -> assertThat(w.viaSudo()).as(w.rawLine()).isTrue());
        assertThat(host.list("/tmp")).as("nothing staged in /tmp").isEmpty();
    }
}
