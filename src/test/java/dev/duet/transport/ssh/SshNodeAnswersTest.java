package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.duet.testing.ConnectedFakeHost;
import dev.duet.testing.FakeSshHost;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The keeper's liveness check: the fake host refuses {@code keepalive@openssh.com} as OpenSSH does, and
 * that refusal is the answer, not an error to log.
 */
class SshNodeAnswersTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @RegisterExtension
    final ConnectedFakeHost ssh = new ConnectedFakeHost("node1");
    private final FakeSshHost host = ssh.host;
    private final SshNode node = ssh.node;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger sshj = (Logger) LoggerFactory.getLogger("net.schmizz");

    @BeforeEach
    void capture() {
        log.start();
        sshj.addAppender(log);
    }

    @AfterEach
    void release() {
        sshj.detachAppender(log);
    }

    @Test
    void theRefusalIsAnAnswerAndLogsNoError() {
        for (int i = 0; i < 20; i++) {
            assertThat(node.answers(WITHIN)).isTrue();
        }
        assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void aConnectionThatDiedDoesNotAnswerAndIsNotWaitedFor() {
        host.dropSessions();

        long start = System.nanoTime();
        assertThat(node.answers(WITHIN)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN.dividedBy(2));
    }

    @Test
    void aNodeNeverConnectedDoesNotAnswer() {
        try (SshNode unconnected = new SshNode(host.endpoint(), host.sshOptions())) {
            assertThat(unconnected.answers(WITHIN)).isFalse();
        }
    }
}
