package dev.duet.engine;

import dev.duet.playbook.Task;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which handlers each host owes. A task that changed notifies by handler name or {@code listen} topic;
 * at a flush point each notified handler runs once, in the order the handlers are written, on the
 * hosts that notified it. A handler may notify a later one during the same flush.
 */
final class HandlerQueue {
    private final List<Task> handlers;
    private final Map<String, Set<Integer>> owed = new LinkedHashMap<>();

    HandlerQueue(List<Task> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    synchronized void notify(String host, List<String> notifications) {
        for (String n : notifications) {
            for (int i = 0; i < handlers.size(); i++) {
                Task h = handlers.get(i);
                if (h.name().equals(n) || h.keywords().listen().contains(n)) {
                    owed.computeIfAbsent(host, k -> new LinkedHashSet<>()).add(i);
                }
            }
        }
    }

    /** The hosts that owe handler {@code index}; they owe it no more. */
    synchronized Set<String> take(int index) {
        Set<String> hosts = new LinkedHashSet<>();
        owed.forEach((host, set) -> {
            if (set.remove(index)) {
                hosts.add(host);
            }
        });
        return hosts;
    }
}
