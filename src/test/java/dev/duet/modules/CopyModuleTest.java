package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyModuleTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final String STAT = "stat -c '%a %U:%G' /etc/motd";

    private final Module module = CopyStep.module(CLOCK);

    /** What reached writeFile, with the mode and owner ScriptedNode does not keep. */
    record Write(String path, String mode, String owner) {
    }

    /** Records mode and owner of each write, then passes everything to the scripted node. */
    static final class WriteRecorder implements Node {
        final ScriptedNode node;
        final List<Write> writes = new ArrayList<>();

        WriteRecorder(ScriptedNode node) {
            this.node = node;
        }

        @Override
        public String name() {
            return node.name();
        }

        @Override
        public CommandResult run(Command command) {
            return node.run(command);
        }

        @Override
        public Optional<byte[]> readFile(String path) {
            return node.readFile(path);
        }

        @Override
        public void writeFile(String path, byte[] content, String mode, String owner) {
            writes.add(new Write(path, mode, owner));
            node.writeFile(path, content, mode, owner);
        }
    }

    private Step bind(Object... args) {
        return module.bind(TestArgs.of("copy", args));
    }

    @Test
    void createsAMissingFileWithModeAndOwner() {
        WriteRecorder node = new WriteRecorder(new ScriptedNode("node1"));

        TestContext ctx = TestContext.of(node);
        Check check = ctx.run(bind("dest", "/etc/motd", "content", "hello\n",
                "mode", "0640", "owner", "root", "group", "adm"));

        assertThat(check.needsChange()).isTrue();
        assertThat(ctx.done()).isEqualTo(Done.changed("created /etc/motd", check.diff()));
        assertThat(check.diff()).contains("+++ /etc/motd").contains("+hello");
        assertThat(node.node.fileText("/etc/motd")).isEqualTo("hello\n");
        assertThat(node.writes).containsExactly(new Write("/etc/motd", "0640", "root:adm"));
        assertThat(node.node.mutatingCommands()).isEmpty();
    }

    @Test
    void replacingKeepsTheExistingModeAndOwnerWhenNotGiven() {
        WriteRecorder node = new WriteRecorder(new ScriptedNode("node1").file("/etc/motd", "old\n")
                .on(STAT, 0, "600 daemon:adm\n"));

        TestContext ctx = TestContext.of(node);
        Check check = ctx.run(bind("dest", "/etc/motd", "content", "new\n"));

        assertThat(check.diff()).contains("-old").contains("+new");
        assertThat(ctx.done()).isEqualTo(Done.changed("updated /etc/motd", check.diff()));
        assertThat(node.writes).containsExactly(new Write("/etc/motd", "0600", "daemon:adm"));
        assertThat(node.node.fileText("/etc/motd")).isEqualTo("new\n");
    }

    @Test
    void upToDateFileIsNotWritten() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/motd", "hello\n").on(STAT, 0, "644 root:root\n");

        Check check = TestContext.of(node).run(bind("dest", "/etc/motd", "content", "hello\n", "mode", "644",
                "owner", "root", "backup", "yes"));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(node.writes()).isEmpty();
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void wrongModeAloneIsAChange() {
        WriteRecorder node = new WriteRecorder(new ScriptedNode("node1").file("/etc/motd", "hello\n")
                .on(STAT, 0, "666 root:root\n"));

        TestContext ctx = TestContext.of(node);
        Check check = ctx.run(bind("dest", "/etc/motd", "content", "hello\n", "mode", "0644"));

        assertThat(check.needsChange()).isTrue();
        assertThat(ctx.done()).isEqualTo(Done.changed("changed attributes of /etc/motd from 666 root:root to 644 root:root"));
        assertThat(node.writes).containsExactly(new Write("/etc/motd", "0644", "root:root"));
    }

    @Test
    void backupCopiesTheOldFileAsideFirst() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/motd", "old\n")
                .on(STAT, 0, "644 root:root\n").on("cp -p", 0, "");

        TestContext ctx = TestContext.of(node);
        ctx.run(bind("dest", "/etc/motd", "content", "new\n", "backup", true));
        assertThat(ctx.done().message()).isEqualTo("updated /etc/motd (old one kept as /etc/motd.2024-01-02@03:04:05~)");

        assertThat(node.mutatingCommands()).extracting(Command::argv)
                .containsExactly(List.of("cp", "-p", "--", "/etc/motd", "/etc/motd.2024-01-02@03:04:05~"));
        assertThat(node.writes()).containsExactly("/etc/motd");
    }

    @Test
    void srcIsReadRelativeToThePlaybook(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/motd"), "from src\n");
        Args args = TestArgs.at(new Args.Location(dir.resolve("site.yml"), 3, 7), "copy",
                "dest", "/etc/motd", "src", "files/motd", "mode", "0644", "owner", "root");
        ScriptedNode node = new ScriptedNode("node1");

        TestContext.of(node).run(module.bind(args));

        assertThat(node.fileText("/etc/motd")).isEqualTo("from src\n");
    }

    @Test
    void checkModeShowsTheDiffAndActIsRefused() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/motd", "old\n").on(STAT, 0, "644 root:root\n");
        TestContext ctx = TestContext.of(node).checkMode(true);
        Step step = bind("dest", "/etc/motd", "content", "new\n");

        Check check = ctx.run(step);

        assertThat(check.message()).isEqualTo("/etc/motd would be updated");
        assertThat(check.diff()).contains("-old").contains("+new");
        assertThatThrownBy(() -> step.act(ctx, check)).isInstanceOf(DuetException.class)
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.CHECK_MODE_VIOLATION);
        assertThat(node.writes()).isEmpty();
        assertThat(node.fileText("/etc/motd")).isEqualTo("old\n");
    }

    @Test
    void anUnquotedYamlOctalModeIsTakenAsItsValue() {
        WriteRecorder node = new WriteRecorder(new ScriptedNode("node1"));

        TestContext.of(node).run(bind("dest", "/etc/motd", "content", "x", "mode", 0640, "owner", "root"));

        assertThat(node.writes).containsExactly(new Write("/etc/motd", "0640", "root"));
        assertThatThrownBy(() -> bind("dest", "/etc/motd", "content", "x", "mode", 644))
                .as("decimal 644 is 01204: refused").isInstanceOf(InputException.class)
                .hasMessageContaining("'0644'");
    }

    @Test
    void badArgumentsAreInputErrors() {
        assertThatThrownBy(() -> bind("dest", "etc/motd", "content", "x")).isInstanceOf(InputException.class)
                .hasMessageContaining("site.yml:7:5").hasMessageContaining("'dest'");
        assertThatThrownBy(() -> bind("dest", "/etc/motd")).isInstanceOf(InputException.class)
                .hasMessageContaining("exactly one of 'content' and 'src'");
        assertThatThrownBy(() -> bind("dest", "/etc/motd", "content", "x", "src", "a")).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> bind("dest", "/etc/motd", "content", "x", "mode", "u+x"))
                .isInstanceOf(InputException.class).hasMessageContaining("'mode'");
        assertThatThrownBy(() -> bind("dest", "/etc/motd", "content", "x", "group", "adm"))
                .isInstanceOf(InputException.class).hasMessageContaining("'group'");
        assertThatThrownBy(() -> bind("dest", "/etc/motd", "content", "x", "owner", "root;reboot"))
                .isInstanceOf(InputException.class).hasMessageContaining("'owner'");
        assertThatThrownBy(() -> bind("dest", "/etc/motd", "src", "does/not/exist"))
                .isInstanceOf(InputException.class).hasMessageContaining("'src'").hasMessageContaining("does/not/exist");
    }
}
