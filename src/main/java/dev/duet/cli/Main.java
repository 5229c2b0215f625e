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
        System.exit(commandLine(args).execute(args));
    }

    /** The whole command line, every subcommand in it (help, {@code --version}, tests). */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new Main()));
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, only that subcommand is
     * built under {@code duet} (picocli reads each subcommand's annotations by reflection on every start,
     * and the others are not needed); anything else (no subcommand, help, {@code --version}, a typo) gets
     * the whole command line, so its help and its errors are the same as ever.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0) {
            // the subcommands Main's annotation lists (only their names are read here)
            for (Class<?> sub : Main.class.getAnnotation(Command.class).subcommands()) {
                Command c = sub.getAnnotation(Command.class);
                if (sub != CommandLine.HelpCommand.class && c != null && c.name().equals(args[0])) {
                    return configured(new CommandLine(new Lean()).addSubcommand(sub));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine configured(CommandLine cl) {
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("duet: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'duet " + ex.getCommandLine().getCommandName() + " --help'.");
            return EXIT_INPUT;
        });
        return cl;
    }

    /** {@code duet} as {@link Main} declares it, without its subcommands: one is added by name. */
    @Command(name = "duet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class Lean {
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
