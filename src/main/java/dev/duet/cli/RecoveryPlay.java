package dev.duet.cli;

import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.Task;
import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the play {@code duet recover} runs: the manual split-brain procedure as ordinary tasks, so the
 * normal runner gives check mode, lock-step and the recap. Resource, device and mount point are the first
 * play's variables {@code drbd_resource}, {@code drbd_device} and {@code mount_point} (or {@code -e}); the
 * victim is promoted and mounted again by the playbook's own {@code ocfs2_cluster}, {@code drbd_primary}
 * and {@code mount} tasks, run on the victim only (so fstab and options stay exactly as the playbook says).
 */
final class RecoveryPlay {
    static final List<String> REQUIRED_VARS = List.of("drbd_resource", "drbd_device", "mount_point");
    private static final Set<String> REJOIN_MODULES = Set.of("ocfs2_cluster", "drbd_primary", "mount");

    private RecoveryPlay() {
    }

    static Playbook build(Playbook source, String victim, Function<String, List<Host>> hostPattern,
                          Map<String, ?> extraVars) {
        if (source.plays().isEmpty()) {
            throw new InputException(source.file(), 1, 1, "recover: the playbook has no play");
        }
        Play play = source.plays().get(0);
        Args.Location where = play.where();
        for (String v : REQUIRED_VARS) {
            if (!play.vars().containsKey(v) && !extraVars.containsKey(v)) {
                throw new InputException(where.file(), where.line(), where.column(), "recover: the first play ('"
                        + play.name() + "') must define " + v + " in its vars (recover needs " + REQUIRED_VARS + ")");
            }
        }
        List<String> hosts = hostPattern.apply(play.hosts()).stream().map(Host::name).toList();
        if (hosts.size() != 2) {
            throw new InputException(where.file(), where.line(), where.column(), "recover: play '" + play.name()
                    + "' must have exactly two hosts, has " + hosts);
        }
        if (!hosts.contains(victim)) {
            throw new InputException("recover: --discard " + victim + " is not a host of play '" + play.name()
                    + "' (hosts: " + String.join(", ", hosts) + ")");
        }
        String survivor = hosts.get(0).equals(victim) ? hosts.get(1) : hosts.get(0);
        List<Task> tasks = new ArrayList<>();
        Map<String, Object> discard = new LinkedHashMap<>();
        discard.put("resource", "{{ drbd_resource }}");
        discard.put("victim", victim);
        discard.put("mount", "{{ mount_point }}");
        tasks.add(task("Discard " + victim + "'s changes since the split (umount, disconnect, secondary, "
                + "connect --discard-my-data)", "drbd_discard", discard, victim, where));
        tasks.add(task("Reconnect " + survivor + ", which keeps its data", "drbd_discard", discard, survivor, where));
        Map<String, Object> wait = new LinkedHashMap<>();
        wait.put("resource", "{{ drbd_resource }}");
        wait.put("connection", "Connected");
        wait.put("disk", "UpToDate");
        wait.put("peer_disk", "UpToDate");
        wait.put("timeout", "1h");
        wait.put("stall_timeout", "120s");
        tasks.add(task("Wait for the resync of " + victim + " from " + survivor + " (UpToDate/UpToDate)",
                "drbd_wait", wait, victim, where));
        tasks.addAll(rejoin(play, victim, where));
        return new Playbook(source.file(), List.of(new Play("Recover from split brain, discarding " + victim,
                play.hosts(), play.vars(), play.become(), true, tasks, where, play.varOrigins())));
    }

    /** The playbook's own promote/o2cb/mount tasks on the victim; defaults where the playbook has none. */
    private static List<Task> rejoin(Play play, String victim, Args.Location where) {
        List<Task> tasks = new ArrayList<>();
        for (Task t : play.tasks()) {
            if (REJOIN_MODULES.contains(t.module())) {
                tasks.add(new Task(t.name() + " (" + victim + " only)", t.module(), t.args(), t.when(), false, victim,
                        t.tags(), t.where()));
            }
        }
        if (tasks.stream().noneMatch(t -> t.module().equals("drbd_primary"))) {
            tasks.add(0, task("Promote " + victim + " again", "drbd_primary",
                    Map.of("resource", "{{ drbd_resource }}"), victim, where));
        }
        if (tasks.stream().noneMatch(t -> t.module().equals("mount"))) {
            tasks.add(task("Mount " + victim + " again", "mount", Map.of("path", "{{ mount_point }}",
                    "src", "{{ drbd_device }}", "fstype", "ocfs2", "state", "mounted"), victim, where));
        }
        return tasks;
    }

    private static Task task(String name, String module, Map<String, Object> args, String runOn, Args.Location where) {
        return new Task(name, module, args, null, false, runOn, List.of(), where);
    }
}
