package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.inventory.Host;
import dev.duet.testing.FakeSshHost;
import dev.duet.transport.Command;
import dev.duet.transport.ssh.SshNode;
import dev.duet.transport.ssh.SshOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshNodesTest {
    private static final SshOptions DEFAULTS = SshOptions.defaults().withKnownHosts(Path.of("/nonexistent/known_hosts"));

    private static Host host(Map<String, Object> vars) {
        return new Host("node1", vars, List.of("all"));
    }

    @Test
    void inventoryVarsOverrideDefaults() {
        String home = System.getProperty("user.home");
        SshOptions o = SshNodes.options(host(Map.of(
                "ansible_ssh_private_key_file", "~/.ssh/duet_key",
                "known_hosts", "~/duet_known_hosts",
                "ansible_become", "yes")), DEFAULTS);

        assertThat(o.identityFile()).isEqualTo(Path.of(home, ".ssh/duet_key"));
        assertThat(o.knownHosts()).isEqualTo(Path.of(home, "duet_known_hosts"));
        assertThat(o.become()).isTrue();
        assertThat(o.acceptNewHostKeys()).isFalse();
    }

    @Test
    void privateKeyFileUnderEitherAnsibleNameTheSshSpellingWinning() {
        String home = System.getProperty("user.home");
        assertThat(SshNodes.options(host(Map.of("ansible_private_key_file", "~/k1")), DEFAULTS).identityFile())
                .isEqualTo(Path.of(home, "k1"));
        assertThat(SshNodes.options(host(Map.of("ansible_private_key_file", "~/k1",
                "ansible_ssh_private_key_file", "~/k2")), DEFAULTS).identityFile()).isEqualTo(Path.of(home, "k2"));
    }

    @Test
    void commonArgsGiveKnownHostsFileAndAcceptNew() {
        SshOptions o = SshNodes.options(host(Map.of("ansible_ssh_common_args",
                "-o UserKnownHostsFile=/tmp/kh -o StrictHostKeyChecking=accept-new -o ConnectTimeout=5")), DEFAULTS);

        assertThat(o.knownHosts()).isEqualTo(Path.of("/tmp/kh"));
        assertThat(o.acceptNewHostKeys()).isTrue();
    }

    @Test
    void strictHostKeyCheckingNoIsIgnored() {
        SshOptions o = SshNodes.options(host(Map.of("ansible_ssh_common_args",
                "-oStrictHostKeyChecking=no '-oUserKnownHostsFile=/dev/null'")), DEFAULTS);

        assertThat(o.acceptNewHostKeys()).isFalse();
        assertThat(o.knownHosts()).isEqualTo(Path.of("/dev/null"));
    }

    @Test
    void becomeFalseStaysFalse() {
        assertThat(SshNodes.options(host(Map.of("ansible_become", false)), DEFAULTS.withBecome(true)).become()).isFalse();
    }

    @Test
    void openConnectsToTheInventoryAddressAndPort() {
        try (FakeSshHost fake = FakeSshHost.start("node1");
             SshNode node = SshNodes.open(fake.host(), SshOptions.defaults())) {
            fake.on("uname", 0, "Linux\n");
            assertThat(node.run(Command.probe("uname")).stdout()).isEqualTo("Linux\n");
            assertThat(node.endpoint()).isEqualTo(fake.endpoint("root"));
        }
    }

    @Test
    void openFailsFastOnAnUnreachableHost() {
        Map<String, Object> vars;
        int port;
        try (FakeSshHost fake = FakeSshHost.start("node1")) {
            vars = new HashMap<>(fake.inventoryVars());
            port = fake.port();
        }
        assertThatThrownBy(() -> SshNodes.open(host(vars), SshOptions.defaults()))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("node1")
                .hasMessageContaining("127.0.0.1:" + port);
    }
}
