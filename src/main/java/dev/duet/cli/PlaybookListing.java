package dev.duet.cli;

import dev.duet.engine.Plan;
import dev.duet.inventory.Host;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@code --syntax-check}, {@code --list-hosts}, {@code --list-tasks} and {@code --list-tags} print,
 * in ansible-playbook's layout (a tab before each {@code TAGS:}), from the plan: nothing is contacted.
 */
final class PlaybookListing {
    private final PrintStream out;

    PlaybookListing(PrintStream out) {
        this.out = out;
    }

    /** {@code plans}: one plan, or one per pair of a many-pairs inventory (same plays; their hosts are listed together). */
    void print(List<Plan> plans, String playbook, boolean hosts, boolean tasks, boolean tags) {
        Plan plan = plans.get(0);
        out.println();
        out.println("playbook: " + playbook);
        if (!hosts && !tasks && !tags) {
            return;
        }
        int n = 0;
        for (int i = 0; i < plan.plays().size(); i++) {
            Plan.PlannedPlay play = plan.plays().get(i);
            int index = i;
            List<String> names = plans.stream().filter(p -> p.plays().size() > index)
                    .flatMap(p -> p.plays().get(index).hosts().stream()).map(Host::name).distinct().toList();
            out.println();
            out.println("  play #" + ++n + " (" + play.play().hosts() + "): " + play.play().name() + "\tTAGS: []");
            if (hosts) {
                out.println("    pattern: ['" + play.play().hosts() + "']");
                out.println("    hosts (" + names.size() + "):");
                names.forEach(h -> out.println("      " + h));
            }
            List<Plan.PlannedTask> written = play.tasks().stream().filter(t -> !t.task().isFlushHandlers()).toList();
            if (tasks) {
                out.println("    tasks:");
                written.forEach(t -> out.println("      " + t.task().name() + "\tTAGS: " + bracket(t.task().tags())));
            }
            if (tags) {
                TreeSet<String> all = new TreeSet<>();
                written.forEach(t -> all.addAll(t.task().tags()));
                out.println("      TASK TAGS: " + bracket(all));
            }
        }
        out.println();
    }

    private static String bracket(java.util.Collection<String> tags) {
        return "[" + String.join(", ", new TreeSet<>(tags)) + "]";
    }
}
