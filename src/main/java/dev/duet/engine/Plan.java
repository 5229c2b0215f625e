package dev.duet.engine;

import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Task;
import dev.duet.step.Module;
import java.util.List;
import java.util.Map;

/** The whole run, decided before any host is contacted: plays, their hosts, and each task's hosts. */
public record Plan(List<PlannedPlay> plays) {
    public Plan {
        plays = List.copyOf(plays);
    }

    /**
     * {@code become}: host name → whether its commands in this play go through sudo (see {@link Become});
     * a host missing from it connects with its inventory settings alone. {@code becomeByVariable}: the
     * hosts where {@code ansible_become} decided it, which then also wins over a block's or task's
     * {@code become:} (Ansible: variables beat playbook keywords at every level). {@code batch}: with
     * {@code serial}, which batch of the play this is (0: the first, or the only one); each batch is a
     * play of its own here, run to its end before the next.
     */
    public record PlannedPlay(Play play, List<Host> hosts, List<PlannedTask> tasks, Map<String, Boolean> become,
                              List<PlannedTask> handlers, int batch, java.util.Set<String> becomeByVariable) {
        public PlannedPlay {
            hosts = List.copyOf(hosts);
            tasks = List.copyOf(tasks);
            become = Map.copyOf(become);
            handlers = List.copyOf(handlers);
            becomeByVariable = java.util.Set.copyOf(becomeByVariable);
        }

        public PlannedPlay(Play play, List<Host> hosts, List<PlannedTask> tasks, Map<String, Boolean> become,
                           List<PlannedTask> handlers) {
            this(play, hosts, tasks, become, handlers, 0, java.util.Set.of());
        }

        /** Who this play's commands run as on {@code host}: its become and become_user; null when the inventory decides. */
        public dev.duet.transport.Escalation escalation(String host) {
            Boolean b = become.get(host);
            return b == null ? null : dev.duet.transport.Escalation.of(b, play.becomeUser());
        }

        /**
         * Who a task runs as on {@code host}: its own {@code become}/{@code become_user} over the play's, as
         * Ansible ranks them (become_user without become changes nothing; ansible_become, where set, beats a
         * task's or block's become: too). Null when the inventory decides.
         */
        public dev.duet.transport.Escalation escalation(String host, dev.duet.playbook.TaskKeywords kw) {
            dev.duet.transport.Escalation ofPlay = escalation(host);
            if (kw.become() == null && (kw.becomeUser() == null || ofPlay == null)) {
                return ofPlay;
            }
            boolean b = kw.become() != null && !becomeByVariable.contains(host) ? kw.become() : ofPlay.become();
            return dev.duet.transport.Escalation.of(b, kw.becomeUser() != null ? kw.becomeUser() : play.becomeUser());
        }

        /** The same play from another task list (e.g. from {@code --start-at-task} on). */
        public PlannedPlay withTasks(List<PlannedTask> from) {
            return new PlannedPlay(play, hosts, from, become, handlers, batch, becomeByVariable);
        }

        public PlannedPlay(Play play, List<Host> hosts, List<PlannedTask> tasks, Map<String, Boolean> become) {
            this(play, hosts, tasks, become, List.of());
        }

        public PlannedPlay(Play play, List<Host> hosts, List<PlannedTask> tasks) {
            this(play, hosts, tasks, Map.of());
        }
    }

    /**
     * {@code hosts} are the hosts this task runs on: all of the play's, or the one named by run_on/run_once.
     * {@code delegates}: with {@code delegate_to}, host name → the inventory host where its task executes.
     */
    public record PlannedTask(Task task, Module module, List<String> hosts, Map<String, Host> delegates) {
        public PlannedTask {
            hosts = List.copyOf(hosts);
            delegates = Map.copyOf(delegates);
        }

        public PlannedTask(Task task, Module module, List<String> hosts) {
            this(task, module, hosts, Map.of());
        }
    }

    /** Tasks the user wrote (the flush points between play parts are not counted). */
    public int taskCount() {
        return plays.stream().mapToInt(p -> (int) p.tasks().stream().filter(t -> !t.task().isFlushHandlers()).count())
                .sum();
    }
}
