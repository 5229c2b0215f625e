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

    void print(Plan plan, String playbook, boolean hosts, boolean tasks, boolean tags) {
        out.println();
        out.println("playbook: " + playbook);
        if (!hosts && !tasks && !tags) {
            return;
        }
        int n = 0;
        for (Plan.PlannedPlay play : plan.plays()) {
            out.println();
            out.println("  play #" + ++n + " (" + play.play().hosts() + "): " + play.play().name() + "\tTAGS: []");
            if (hosts) {
                out.println("    pattern: ['" + play.play().hosts() + "']");
                out.println("    hosts (" + play.hosts().size() + "):");
                play.hosts().stream().map(Host::name).forEach(h -> out.println("      " + h));
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
