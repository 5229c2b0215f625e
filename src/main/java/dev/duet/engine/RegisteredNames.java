package dev.duet.engine;

import dev.duet.playbook.Play;
import dev.duet.playbook.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names a play defines while it runs ({@code register:}), which the planner accepts in later templates
 * and conditions, and the conditions of a task it must check ({@code when}, {@code changed_when},
 * {@code failed_when}).
 */
final class RegisteredNames {
    private RegisteredNames() {
    }

    static Set<String> of(Play play) {
        Set<String> names = new LinkedHashSet<>();
        for (Task t : play.tasks()) {
            if (t.keywords().register() != null) {
                names.add(t.keywords().register());
            }
        }
        for (Task t : play.handlers()) {
            if (t.keywords().register() != null) {
                names.add(t.keywords().register());
            }
        }
        return names;
    }

    static List<String> conditions(Task task) {
        List<String> out = new ArrayList<>();
        if (task.when() != null) {
            out.add(task.when());
        }
        if (task.keywords().changedWhen() != null) {
            out.add(task.keywords().changedWhen());
        }
        if (task.keywords().failedWhen() != null) {
            out.add(task.keywords().failedWhen());
        }
        return out;
    }
}
