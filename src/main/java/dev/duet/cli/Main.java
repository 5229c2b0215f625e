package dev.duet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code duet}: plan, apply, status, recover, inventory. Exit codes: 0 all fine; 2 a host failed (or a step refused);
 * 3 a host was unreachable; 4 bad input or usage.
 */
@Command(name = "duet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Dual-primary DRBD + OCFS2 pairs over SSH, Ansible-style.",
        subcommands = {PlanCommand.class, ApplyCommand.class, StatusCommand.class, RecoverCommand.class,
                InventoryCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all hosts ok", "2:a host failed or a step was refused", "3:a host was unreachable",
                "4:bad input or usage"})
public final class Main {
    public static final int EXIT_INPUT = 4;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("duet: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'duet " + ex.getCommandLine().getCommandName() + " --help'.");
            return EXIT_INPUT;
        });
        return cl;
    }

    /** Version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"duet " + (v == null ? "dev" : v)};
        }
    }
}
