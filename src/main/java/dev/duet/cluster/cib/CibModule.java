package dev.duet.cluster.cib;

import dev.duet.step.ArgPaths;
import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.Map;
import java.util.Set;

/**
 * {@code cib}: Pacemaker's configuration described in the playbook (primitives, groups, clones,
 * order/colocation/location constraints, cluster properties, resource and operation defaults),
 * compared with the live CIB and brought in line with one atomic {@code cibadmin --modify}. Checked at
 * load time with the line of each bad entry. Run it on one node ({@code run_once: true}): the CIB is
 * the cluster's, not a node's.
 */
public final class CibModule implements Module {
    @Override
    public String name() {
        return "cib";
    }

    @Override
    public boolean pairCoordinated() {
        return true;
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of();
    }

    @Override
    public Set<String> optionalArgs() {
        return CibSpecReader.ARGS;
    }

    @Override
    public Step bind(Args args) {
        return new CibStep(CibSpecReader.strict(args.raw(), args.where()));
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        CibSpecReader.lenient(rawArgs, where, null, false);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where, ArgPaths paths) {
        CibSpecReader.lenient(rawArgs, where, paths, true);
    }
}
