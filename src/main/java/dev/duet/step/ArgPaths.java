package dev.duet.step;

import java.util.List;

/**
 * Where each nested value of a task's arguments was written, so a module that takes structured
 * arguments (lists of mappings) can name the exact line of a bad entry. A path is a list of mapping
 * keys (String) and list indexes (Integer) from the arguments' root; a path that does not exist
 * answers the location of its nearest existing ancestor.
 */
@FunctionalInterface
public interface ArgPaths {
    Args.Location at(List<Object> path);
}
