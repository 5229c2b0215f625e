package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileModuleTest {
    private final Module module = FileStep.module();
    private final FakeFiles fs = new FakeFiles("node1");

    private Step bind(Object... args) {
        return module.bind(TestArgs.of("file", args));
    }

    private Check twice(Step step) {
        Check first = TestContext.apply(fs.node).run(step);
        Check second = TestContext.apply(fs.node).run(step);
        assertThat(second.kind()).as("second run: " + second.message()).isEqualTo(Check.Kind.OK);
        return first;
    }

    @Test
    void directoryIsCreatedWithModeAndOwnerThenLeftAlone() {
        Check first = twice(bind("path", "/srv/data/app", "state", "directory", "mode", "0750", "owner", "www", "group", "adm"));

        assertThat(first.message()).isEqualTo("would create directory /srv/data/app, set mode 0750, set owner www:adm");
        assertThat(fs.entries.get("/srv/data/app")).isEqualTo(new FakeFiles.Entry("directory", "0750", "www:adm", null));
        assertThat(fs.node.mutatingCommands()).extracting(Command::line)
                .containsExactly("mkdir -p -- /srv/data/app", "chmod 0750 -- /srv/data/app", "chown www:adm -- /srv/data/app");
    }

    @Test
    void existingFileGetsOnlyTheModeThatDiffers() {
        fs.with("/etc/app.conf", "regular file", "0644", "root:root");

        Check first = twice(bind("dest", "/etc/app.conf", "mode", "0600", "owner", "root"));

        assertThat(first.message()).isEqualTo("would set mode 0600 (was 0644)");
        assertThat(fs.node.mutatingCommands()).extracting(Command::line).containsExactly("chmod 0600 -- /etc/app.conf");
    }

    @Test
    void stateFileOnAnAbsentPathFailsAsAnsibleDoes() {
        assertThatThrownBy(() -> TestContext.apply(fs.node).run(bind("path", "/etc/missing", "state", "file")))
                .isInstanceOf(DuetException.class).hasMessageContaining("file (/etc/missing) is absent, cannot continue");
        assertThat(fs.node.mutatingCommands()).isEmpty();
    }

    @Test
    void touchCreatesAndPreserveKeepsTheSecondRunUnchanged() {
        twice(bind("path", "/var/lib/app/stamp", "state", "touch", "modification_time", "preserve", "access_time", "preserve"));
        assertThat(fs.entries).containsKey("/var/lib/app/stamp");

        Check again = TestContext.apply(fs.node).run(bind("path", "/var/lib/app/stamp", "state", "touch"));
        assertThat(again.message()).as("a plain touch changes the times, as in Ansible").isEqualTo("would touch /var/lib/app/stamp");
    }

    @Test
    void linkIsMadeAndRepointedButNeverReplacesAFile() {
        twice(bind("path", "/etc/app/current", "state", "link", "src", "releases/2"));
        assertThat(fs.entries.get("/etc/app/current").target()).isEqualTo("releases/2");

        Check repoint = TestContext.apply(fs.node).run(bind("path", "/etc/app/current", "state", "link", "src", "releases/3"));
        assertThat(repoint.message()).isEqualTo("would link /etc/app/current to releases/3");
        assertThat(fs.entries.get("/etc/app/current").target()).isEqualTo("releases/3");

        fs.with("/etc/app/real", "regular file", "0644", "root:root");
        assertThatThrownBy(() -> TestContext.apply(fs.node).run(bind("path", "/etc/app/real", "state", "link", "src", "x")))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.REFUSED))
                .hasMessageContaining("/etc/app/real is a file; Duet does not replace it with a link to x");
    }

    @Test
    void absentRemovesOnThisFilesystemOnlyAndRefusesATopLevelDirectory() {
        fs.with("/srv/old", "directory", "0755", "root:root").with("/srv/old/a", "regular file", "0644", "root:root");

        Check first = twice(bind("path", "/srv/old", "state", "absent"));

        assertThat(first.message()).isEqualTo("would remove /srv/old (a directory)");
        assertThat(fs.entries).doesNotContainKeys("/srv/old", "/srv/old/a");
        assertThat(fs.node.mutatingCommands()).extracting(Command::argv)
                .containsExactly(List.of("rm", "-rf", "--one-file-system", "--", "/srv/old"));
        assertThatThrownBy(() -> bind("path", "/etc", "state", "absent")).isInstanceOf(InputException.class)
                .hasMessageContaining("top-level directory");
    }

    @Test
    void withoutStateADirectoryStaysADirectory() {
        fs.with("/srv/share", "directory", "0755", "root:root");

        Check first = twice(bind("path", "/srv/share", "mode", "0775"));

        assertThat(first.message()).isEqualTo("would set mode 0775 (was 0755)");
    }

    @Test
    void checkModeOnlyReads() {
        Check plan = TestContext.plan(fs.node).run(bind("path", "/srv/new", "state", "directory"));

        assertThat(plan.needsChange()).isTrue();
        assertThat(fs.node.mutatingCommands()).isEmpty();
        assertThat(fs.entries).isEmpty();
    }

    @Test
    void badArgumentsAreInputErrorsAtTheTask() {
        assertThatThrownBy(() -> bind("path", "/a/b", "state", "link")).isInstanceOf(InputException.class)
                .hasMessageContaining("src").hasMessageContaining("required with state: link");
        assertThatThrownBy(() -> bind("path", "/a/b", "dest", "/a/c")).isInstanceOf(InputException.class)
                .hasMessageContaining("exactly one of path, dest and name");
        assertThatThrownBy(() -> bind("path", "/a/b", "state", "hard")).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> bind("path", "/a/b", "state", "touch", "modification_time", "now"))
                .isInstanceOf(InputException.class).hasMessageContaining("preserve");
        assertThatThrownBy(() -> bind("path", "/a/b", "state", "link", "src", "x; rm -rf /"))
                .isInstanceOf(InputException.class);
    }
}
