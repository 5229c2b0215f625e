package dev.duet.modules;

import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import dev.duet.transport.Shell;
import java.util.List;

/**
 * Runs a command; it counts as changed only when it ran. {@code creates}/{@code removes} are the only
 * way to know beforehand that it need not run, so without them a check always says "would run".
 */
public final class CommandStep implements Step {
    private final List<String> argv;
    private final String creates;
    private final String removes;

    public CommandStep(List<String> argv, String creates, String removes) {
        this.argv = List.copyOf(argv);
        this.creates = creates;
        this.removes = removes;
    }

    @Override
    public Check check(StepContext ctx) {
        Node node = ctx.node();
        if (creates != null && exists(node, creates)) {
            return Check.ok("skipped, since " + creates + " exists");
        }
        if (removes != null && !exists(node, removes)) {
            return Check.ok("skipped, since " + removes + " does not exist");
        }
        return Check.change("would run `" + Shell.join(argv) + "`");
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        node.run(new Command(argv, false, null, Command.DEFAULT_TIMEOUT, false)).orThrow(node.name());
        return Done.changed("ran `" + Shell.join(argv) + "`");
    }

    private static boolean exists(Node node, String path) {
        return node.run(Command.probe("test", "-e", path)).ok();
    }
}
