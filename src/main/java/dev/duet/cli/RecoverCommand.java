package dev.duet.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code duet recover --discard NODE}: resolve a DRBD split brain by throwing away NODE's changes since
 * the split (the manual split-brain procedure). Duet never picks the victim; the user names it.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Recover from a DRBD split brain, discarding the named node's changes since the split. "
                + "Resource, device and mount point come from the playbook's first play "
                + "(drbd_resource, drbd_device, mount_point).")
public final class RecoverCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Option(names = "--discard", required = true, paramLabel = "NODE",
            description = "The node whose changes since the split are thrown away (it resyncs from the other).")
    String victim;

    @Option(names = {"-C", "--check"}, description = "Show the recovery plan, touching nothing.")
    boolean check;

    @Override
    public Integer call() {
        // The recovery play is built in code: tag selection would only drop steps of the procedure.
        options.tags = List.of();
        options.skipTags = List.of();
        return new PlaybookRun(options, check, check).execute((wiring, playbook) ->
                RecoveryPlay.build(playbook, victim, wiring.hostPattern(), options.extraVars()));
    }
}
