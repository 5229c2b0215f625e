package dev.duet.engine;

import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Task;
import java.util.List;

/** The whole run, decided before any host is contacted: plays, their hosts, and each task's hosts. */
public record Plan(List<PlannedPlay> plays) {
    public Plan {
        plays = List.copyOf(plays);
    }

    public record PlannedPlay(Play play, List<Host> hosts, List<PlannedTask> tasks) {
        public PlannedPlay {
            hosts = List.copyOf(hosts);
            tasks = List.copyOf(tasks);
        }
    }

    /** {@code hosts} are the hosts this task runs on: all of the play's, or the one named by run_on/run_once. */
    public record PlannedTask(Task task, Module module, List<String> hosts) {
        public PlannedTask {
            hosts = List.copyOf(hosts);
        }
    }

    public int taskCount() {
        return plays.stream().mapToInt(p -> p.tasks().size()).sum();
    }
}
