package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeRequest;
import dev.duet.testing.FakeSshHost;
import dev.duet.transport.Command;
import dev.duet.transport.Escalation;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code become_user}: sudo to another user as a per-command prefix over the host's one connection. */
class SshBecomeUserTest {
    private static final Escalation POSTGRES = Escalation.of(true, "postgres");

    private FakeSshHost host;

    @BeforeEach
    void start() {
        host = FakeSshHost.start("node1");
        host.on("id -u", 0, "110\n");
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void commandsRunThroughSudoAsThatUser() {
        try (SshNode node = new SshNode(host.endpoint("deploy"), host.sshOptions(), POSTGRES).connect()) {
            node.run(Command.probe("id", "-u"));
        }
        assertThat(host.requests()).singleElement().satisfies(r -> {
            assertThat(r.rawLine()).isEqualTo("sudo -n -u postgres -- timeout -k 5s 300s id -u");
            assertThat(r.line()).isEqualTo("id -u");
            assertThat(r.sudoUser()).isEqualTo("postgres");
        });
    }

    @Test
    void aRootLoginStillSudoesToAnotherUser() {
        try (SshNode node = new SshNode(host.endpoint("root"), host.sshOptions(), POSTGRES).connect()) {
            node.run(Command.probe("id", "-u"));
        }
        assertThat(host.requests()).singleElement()
                .satisfies(r -> assertThat(r.rawLine()).startsWith("sudo -n -u postgres -- "));
    }

    @Test
    void anotherEscalationSharesTheConnection() {
        try (SshNode root = new SshNode(host.endpoint("deploy"), host.sshOptions().withBecome(true)).connect()) {
            Node postgres = root.as(POSTGRES).orElseThrow();
            Node plain = root.as(Escalation.NONE).orElseThrow();
            postgres.run(Command.probe("id", "-u"));
            plain.run(Command.probe("id", "-u"));
            postgres.close();
            root.run(Command.probe("id", "-u"));
        }
        assertThat(host.requests()).extracting(FakeRequest::rawLine).containsExactly(
                "sudo -n -u postgres -- timeout -k 5s 300s id -u",
                "timeout -k 5s 300s id -u",
                "sudo -n -- timeout -k 5s 300s id -u");
        assertThat(host.sessions()).as("one SSH connection for every escalation").isEqualTo(1);
    }

    @Test
    void filesAreWrittenByThatUserOverExecSoTheyAreItsOwn() {
        host.on(line -> line.startsWith("sh -c") && line.contains("base64 -d"), r -> {
            host.file(r.argv().get(4), new String(Base64.getMimeDecoder().decode(r.stdin().strip()),
                    StandardCharsets.UTF_8));
            return FakeReply.ok();
        });
        try (SshNode node = new SshNode(host.endpoint("deploy"), host.sshOptions(), POSTGRES).connect()) {
            node.writeFile("/var/lib/postgresql/notes", "n\n".getBytes(StandardCharsets.UTF_8), "0600", null);
        }
        assertThat(host.requests()).singleElement().satisfies(r -> {
            assertThat(r.sudoUser()).isEqualTo("postgres");
            List<String> argv = r.argv();
            // sh -c WRITE sh TARGET TEMP MODE OWNER SYNC: no owner, so no chown: the file is the user's own
            assertThat(argv.get(4)).isEqualTo("/var/lib/postgresql/notes");
            assertThat(argv.subList(6, 8)).containsExactly("0600", "");
        });
        assertThat(host.fileText("/var/lib/postgresql/notes")).isEqualTo("n\n");
        assertThat(host.list("/tmp")).as("nothing staged where another user cannot read it").isEmpty();
    }

    @Test
    void withoutBecomeTheUserIsNotUsed() {
        assertThat(Escalation.of(false, "postgres")).isEqualTo(Escalation.NONE);
    }

    @Test
    void aUserNameThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> Escalation.of(true, "postgres; rm -rf /")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Escalation.of(true, "-u")).isInstanceOf(IllegalArgumentException.class);
    }
}
