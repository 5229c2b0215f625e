package dev.duet.engine;

import dev.duet.error.InputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code --start-at-task NAME}: the plan from the first task whose name is NAME or matches it as a shell
 * glob ({@code *}, {@code ?}), as ansible-playbook matches; plays before it are left out, and so are the
 * tasks before it in its play. A name that matches no task is refused before any host is contacted.
 */
public final class StartAtTask {
    private StartAtTask() {
    }

    public static Plan apply(Plan plan, String name) {
        Pattern glob = glob(name);
        List<Plan.PlannedPlay> plays = new ArrayList<>();
        boolean started = false;
        for (Plan.PlannedPlay play : plan.plays()) {
            if (started) {
                plays.add(play);
                continue;
            }
            List<Plan.PlannedTask> tasks = play.tasks();
            for (int i = 0; i < tasks.size() && !started; i++) {
                // a role's task matches as "ROLE : NAME" and as NAME, as ansible-playbook matches it
                String task = tasks.get(i).task().name();
                String bare = tasks.get(i).task().bareName();
                if (!tasks.get(i).task().isFlushHandlers() && (task.equals(name) || bare.equals(name)
                        || glob.matcher(task).matches() || glob.matcher(bare).matches())) {
                    started = true;
                    plays.add(play.withTasks(tasks.subList(i, tasks.size())));
                }
            }
        }
        if (!started) {
            Set<String> names = new LinkedHashSet<>();
            plan.plays().forEach(p -> p.tasks().stream().filter(t -> !t.task().isFlushHandlers())
                    .forEach(t -> names.add(t.task().name())));
            throw new InputException("--start-at-task '" + name + "' matches no task of the playbook (tasks: "
                    + String.join(", ", names) + ")");
        }
        return new Plan(plays);
    }

    private static Pattern glob(String name) {
        StringBuilder re = new StringBuilder();
        for (char c : name.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
