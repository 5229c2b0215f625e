package dev.duet.playbook;

import dev.duet.error.InputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A {@code notify:} must name a handler of the play (its name or a {@code listen:} topic), as Ansible demands. */
final class HandlerNames {
    private HandlerNames() {
    }

    static void check(List<Task> tasks, List<Task> handlers) {
        Set<String> known = new HashSet<>();
        for (Task h : handlers) {
            known.add(h.name());
            known.addAll(h.keywords().listen());
        }
        for (Task t : tasks) {
            for (String n : t.keywords().notifies()) {
                if (!known.contains(n)) {
                    throw new InputException(t.where().file(), t.where().line(), t.where().column(),
                            "task '" + t.name() + "' notifies '" + n + "', which is no handler of this play (handlers: "
                                    + handlers.stream().map(Task::name).toList() + ")");
                }
            }
        }
    }

    /** The handlers a notification reaches: those named so and those listening to it. */
    static boolean matches(Task handler, String notification) {
        return handler.name().equals(notification) || handler.keywords().listen().contains(notification);
    }
}
