package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PackageModuleTest {
    private static final String DEBIAN = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nID=debian\n";
    private static final String ROCKY = "NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n";
    private static final String DPKG = "dpkg-query -W '-f=${Package} ${Status}\\n' ";
    private static final String LISTS = "sh -c 'set -- /var/lib/apt/lists";
    private static final String UPDATE = "env DEBIAN_FRONTEND=noninteractive apt-get -y update";
    private static final String INSTALL = "env DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Options::=--force-confdef"
            + " -o Dpkg::Options::=--force-confold install";

    private final PackageModule module = new PackageModule();

    private Step step(Object name) {
        return module.bind(TestArgs.of("package", "name", name));
    }

    /** A Debian host on which {@code installed} are installed, asked all at once as dpkg-query is. */
    private static ScriptedNode debian(String... installed) {
        return new ScriptedNode("node1").file("/etc/os-release", DEBIAN).on(DPKG, c -> {
            dev.duet.testing.DpkgAnswer a = dev.duet.testing.DpkgAnswer.of(c.argv(), java.util.Set.of(installed));
            return ScriptedNode.result(c, a.exit(), a.stdout(), a.stderr());
        });
    }

    @Test
    void installsOnlyTheMissingPackagesWithALongTimeout() {
        ScriptedNode node = debian("drbd-utils").on(LISTS, 0, "").on(INSTALL, 0, "");

        TestContext ctx = TestContext.of(node);
        Check check = ctx.run(step(List.of("drbd-utils", "ocfs2-tools")));

        assertThat(check.needsChange()).isTrue();
        assertThat(check.message()).isEqualTo("would install ocfs2-tools");
        assertThat(ctx.done()).isEqualTo(Done.changed("installed ocfs2-tools"));
        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly(INSTALL + " ocfs2-tools");
        assertThat(node.mutatingCommands().get(0).timeout()).isEqualTo(PackageManager.INSTALL_TIMEOUT);
        assertThat(PackageManager.INSTALL_TIMEOUT.toMinutes()).isEqualTo(15);
    }

    @Test
    void updatesFirstOnAFreshNodeWithoutPackageLists() {
        ScriptedNode node = debian().on(LISTS, 1, "").on(UPDATE, 0, "").on(INSTALL, 0, "");

        TestContext.of(node).run(step("drbd-utils"));

        assertThat(node.mutatingCommands()).extracting(Command::line)
                .containsExactly(UPDATE, INSTALL + " drbd-utils");
    }

    @Test
    void updatesAndRetriesOnceWhenAptCannotLocateThePackage() {
        AtomicInteger installs = new AtomicInteger();
        ScriptedNode node = debian().on(LISTS, 0, "").on(UPDATE, 0, "")
                .on(INSTALL, c -> installs.incrementAndGet() == 1
                        ? ScriptedNode.result(c, 100, "", "E: Unable to locate package drbd-utils")
                        : ScriptedNode.result(c, 0, "", ""));

        TestContext.of(node).run(step("drbd-utils"));

        assertThat(node.mutatingCommands()).extracting(Command::line)
                .containsExactly(INSTALL + " drbd-utils", UPDATE, INSTALL + " drbd-utils");
    }

    @Test
    void aFailedInstallNamesNodeCommandExitAndStderr() {
        ScriptedNode node = debian().on(LISTS, 0, "").on(UPDATE, 0, "")
                .on(INSTALL, 100, "", "E: Unable to locate package drbd-utils");

        assertThatThrownBy(() -> TestContext.of(node).run(step("drbd-utils")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("node1")
                .hasMessageContaining(INSTALL + " drbd-utils")
                .hasMessageContaining("exited 100")
                .hasMessageContaining("Unable to locate package drbd-utils");
        assertThat(node.mutatingCommands()).extracting(Command::line)
                .as("one update and one retry, not a loop")
                .containsExactly(INSTALL + " drbd-utils", UPDATE, INSTALL + " drbd-utils");
    }

    @Test
    void alreadyInstalledMeansNoAct() {
        ScriptedNode node = debian("drbd-utils", "ocfs2-tools");

        Check check = TestContext.of(node).run(step("drbd-utils ocfs2-tools"));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void allPackagesAreAskedInOneQueryAndAHeldOneCountsAsInstalled() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/os-release", DEBIAN)
                .on(DPKG + "drbd-utils ocfs2-tools", 0, "drbd-utils hold ok installed\nocfs2-tools install ok installed\n");

        Check check = TestContext.of(node).run(step(List.of("drbd-utils", "ocfs2-tools")));

        assertThat(check.kind()).as("a held package is installed, as Ansible counts it").isEqualTo(Check.Kind.OK);
        assertThat(node.commands()).extracting(Command::line).filteredOn(l -> l.startsWith("dpkg-query"))
                .as("one query for both packages").hasSize(1);
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void aPackageOfTwoArchitecturesIsInstalledWhenEitherIs() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/os-release", DEBIAN)
                .on(DPKG + "libfoo1", 0, "libfoo1 install ok installed\nlibfoo1 unknown ok not-installed\n");

        assertThat(step("libfoo1").check(TestContext.of(node)).kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void aQueryThatFailsIsUnknownAndRefusesRatherThanInstall() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/os-release", DEBIAN)
                .on(DPKG, 2, "", "dpkg-query: error: parsing file '/var/lib/dpkg/status' near line 12\n")
                .on(LISTS, 0, "").on(INSTALL, 0, "");

        assertThatThrownBy(() -> TestContext.of(node).run(step("drbd-utils")))
                .isInstanceOf(DuetException.class)
                .hasMessageContaining("node1: cannot tell which packages are installed")
                .hasMessageContaining("exited 2").hasMessageContaining("parsing file '/var/lib/dpkg/status'");
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void removedButConfiguredCountsAsNotInstalled() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/os-release", DEBIAN)
                .on(DPKG + "drbd-utils", 0, "drbd-utils deinstall ok config-files\n");

        assertThat(step("drbd-utils").check(TestContext.of(node)).needsChange()).isTrue();
    }

    @Test
    void checkModeReportsWithoutInstallingAndActIsRefused() {
        ScriptedNode node = debian().on(LISTS, 0, "").on(INSTALL, 0, "");
        TestContext ctx = TestContext.of(node).checkMode(true);
        Step step = step("drbd-utils");

        Check check = ctx.run(step);

        assertThat(check.message()).isEqualTo("would install drbd-utils");
        assertThatThrownBy(() -> step.act(ctx, check)).isInstanceOf(DuetException.class)
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.CHECK_MODE_VIOLATION);
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void absentRemovesOnlyInstalledPackages() {
        ScriptedNode node = debian("ocfs2-tools")
                .on("env DEBIAN_FRONTEND=noninteractive apt-get -y -o", 0, "");
        Step step = module.bind(TestArgs.of("package", "name", List.of("drbd-utils", "ocfs2-tools"), "state", "absent"));

        TestContext.of(node).run(step);

        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly(
                "env DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Options::=--force-confdef"
                        + " -o Dpkg::Options::=--force-confold remove ocfs2-tools");
    }

    @Test
    void rhelFamilyUsesRpmAndDnf() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/os-release", ROCKY)
                .on("test -x /usr/bin/dnf", 0, "")
                .on("rpm -q --quiet drbd-utils", 1, "")
                .on("dnf -y install", 0, "");

        TestContext.of(node).run(step("drbd-utils"));

        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly("dnf -y install drbd-utils");
    }

    @Test
    void detectsEachFamilyFromOsRelease() {
        assertThat(detect("ID=ubuntu\nID_LIKE=debian\n", false)).isEqualTo(PackageManager.APT);
        assertThat(detect("ID=\"centos\"\nID_LIKE=\"rhel fedora\"\n", false)).isEqualTo(PackageManager.YUM);
        assertThat(detect("ID=fedora\n", true)).isEqualTo(PackageManager.DNF);
        assertThat(detect("ID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\n", false)).isEqualTo(PackageManager.ZYPPER);
        assertThatThrownBy(() -> detect("ID=alpine\n", false)).isInstanceOf(DuetException.class)
                .hasMessageContaining("node1").hasMessageContaining("ID=alpine");
    }

    private static PackageManager detect(String osRelease, boolean hasDnf) {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/os-release", osRelease)
                .on("test -x /usr/bin/dnf", hasDnf ? 0 : 1, "");
        return PackageManager.detect(node);
    }

    @Test
    void badArgumentsAreInputErrorsWithTheirLocation() {
        assertThatThrownBy(() -> step("drbd-utils;reboot")).isInstanceOf(InputException.class)
                .hasMessageContaining("site.yml:7:5").hasMessageContaining("'name'");
        assertThatThrownBy(() -> step(List.of("Drbd Utils"))).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> step(List.of())).isInstanceOf(InputException.class)
                .hasMessageContaining("at least one package");
        assertThatThrownBy(() -> module.bind(TestArgs.of("package", "name", "x", "state", "latest")))
                .isInstanceOf(InputException.class).hasMessageContaining("'state'");
    }
}
