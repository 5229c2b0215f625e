package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line built for a run: only the named subcommand, with the same help and errors as the whole one. */
class MainCommandLineTest {
    @Test
    void aRunOfASubcommandBuildsThatOneOnly() {
        assertThat(Main.commandLine(new String[] {"status", "-i", "x.yml"}).getSubcommands()).containsOnlyKeys("status");
        assertThat(Main.commandLine(new String[] {"apply"}).getSubcommands()).containsOnlyKeys("apply");
        assertThat(Main.commandLine(new String[] {"inventory", "--list"}).getSubcommands()).containsOnlyKeys("inventory");
    }

    @Test
    void anythingElseGetsTheWholeCommandLine() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"help", "status"}, {"stauts"}}) {
            assertThat(Main.commandLine(args).getSubcommands()).as(String.join(" ", args))
                    .containsOnlyKeys("plan", "apply", "status", "recover", "inventory", "help");
        }
    }

    @Test
    void aSubcommandsHelpAndUsageErrorsAreTheSameAsInTheWholeCommandLine() {
        for (String[] args : new String[][] {{"status", "--help"}, {"apply", "--bogus"}, {"plan"},
                {"apply", "-i", "inventory.yml", "playbook.yml", "--bogus"},
                {"recover", "--help"}, {"inventory", "-i"}}) {
            String[] lean = run(Main.commandLine(args), args);
            String[] whole = run(Main.commandLine(), args);
            assertThat(lean).as(String.join(" ", args)).containsExactly(whole);
        }
    }

    @Test
    void aUsageErrorInASubcommandIsExitFourWithItsHelpNamed() {
        String[] args = {"apply", "-i", "inventory.yml", "playbook.yml", "--bogus"};
        String[] r = run(Main.commandLine(args), args);
        assertThat(r[0]).isEqualTo("4");
        assertThat(r[2]).contains("Unknown option: '--bogus'", "Try 'duet apply --help'.");
    }

    /** exit code, stdout, stderr */
    private static String[] run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }
}
