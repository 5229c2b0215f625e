package dev.duet.ocfs2;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code filesystem}: OCFS2 (o2cb or Pacemaker's stack) or GFS2 on the DRBD device, created only where
 * there is none. No {@code force}: reformatting is something Duet never does. A task must say
 * {@code run_once: true} or {@code run_on}; the loader refuses it otherwise.
 */
public final class FilesystemModule implements Module {
    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public boolean pairCoordinated() {
        return true;
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("dev", "label");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("fstype", "slots", "block_size", "cluster_size", "cluster_stack", "cluster_name", "fs_name",
                "journals");
    }

    @Override
    public Optional<String> oneHostOnly() {
        return Optional.of("it formats the replicated DRBD device: on both Primaries at once each would find it"
                + " blank and run mkfs");
    }

    @Override
    public Step bind(Args args) {
        return new FilesystemStep(args.path("dev"), ClusterFsArgs.mkfs(args));
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args args = Args.literals(name(), rawArgs, where);
        Map<String, Object> concrete = args.raw();
        ClusterFsArgs.validate(args);
        if (concrete.containsKey("dev")) {
            args.path("dev");
        }
        if (concrete.containsKey("label")) {
            Ocfs2Args.label(args);
        }
        Ocfs2Args.slots(args);
        Ocfs2Args.optSize(args, "block_size");
        Ocfs2Args.optSize(args, "cluster_size");
    }
}
