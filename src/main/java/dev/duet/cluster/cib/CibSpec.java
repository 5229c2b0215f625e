package dev.duet.cluster.cib;

import java.util.List;

/**
 * The CIB a {@code cib} task wants: its objects in the order they are written to the CIB (properties
 * and defaults, resources, then constraints), whether STONITH was turned off by name, and whether live
 * resources the task does not describe are worth a warning.
 */
public record CibSpec(List<CibObject> objects, boolean stonithDisabled, boolean warnExtra) {
    public CibSpec {
        objects = List.copyOf(objects);
    }

    public List<String> resourceIds() {
        return objects.stream().filter(o -> o.section().equals("resources")).map(CibObject::id).toList();
    }
}
