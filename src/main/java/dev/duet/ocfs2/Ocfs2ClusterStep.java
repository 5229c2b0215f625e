package dev.duet.ocfs2;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.modules.ManagedFile;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes cluster.conf and /etc/default/o2cb, enables o2cb at boot and brings the cluster online.
 * o2cb reads its configuration only when the cluster is brought online, so a changed configuration
 * means a restart, which the kernel refuses while a volume is mounted: then we refuse too, and say so.
 */
public final class Ocfs2ClusterStep implements Step {
    private final ClusterConf conf;
    private final Map<String, String> defaults;

    public Ocfs2ClusterStep(ClusterConf conf, Map<String, String> defaults) {
        this.conf = conf;
        this.defaults = Map.copyOf(defaults);
    }

    /** What the node looks like now, and what would have to change. */
    private record Plan(ManagedFile clusterConf, Check confCheck, boolean confExists, ManagedFile defaultsFile,
                        Check defaultsCheck, boolean enabled, boolean online, boolean restart) {
        List<String> changes(String cluster) {
            List<String> out = new ArrayList<>();
            if (confCheck.needsChange()) {
                out.add(confCheck.message());
            }
            if (defaultsCheck.needsChange()) {
                out.add(defaultsCheck.message());
            }
            if (!enabled) {
                out.add("o2cb would be enabled at boot");
            }
            if (restart) {
                out.add(online ? "o2cb would be restarted to load the new configuration"
                        : "cluster '" + cluster + "' would be brought online (systemctl restart o2cb)");
            }
            return out;
        }
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return new LikelyReads(List.of(O2cbProbe.ENABLED_AT_BOOT, O2cbProbe.clusterStatus(conf.cluster())),
                List.of(ClusterConf.PATH, O2cbDefaults.PATH));
    }

    @Override
    public Check check(StepContext ctx) {
        Plan plan = inspect(ctx.node());
        List<String> changes = plan.changes(conf.cluster());
        if (changes.isEmpty()) {
            return Check.ok("cluster '" + conf.cluster() + "' online with nodes " + conf.describeNames()
                    + ", o2cb enabled at boot");
        }
        String diff = joinDiffs(plan.confCheck().diff(), plan.defaultsCheck().diff());
        return Check.change(String.join("; ", changes), diff);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        Plan plan = inspect(node);
        List<String> done = new ArrayList<>();
        String diff = null;
        if (plan.confCheck().needsChange()) {
            if (!plan.confExists()) {
                node.run(Command.change("mkdir", "-p", "/etc/ocfs2")).orThrow(node.name());
            }
            diff = written(plan.clusterConf().put(node), done, diff);
        }
        if (plan.defaultsCheck().needsChange()) {
            diff = written(plan.defaultsFile().put(node), done, diff);
        }
        if (!plan.enabled()) {
            node.run(Command.change("systemctl", "enable", "o2cb")).orThrow(node.name());
            done.add("enabled o2cb at boot");
        }
        if (plan.restart()) {
            node.run(Command.change("systemctl", "restart", "o2cb")).orThrow(node.name());
            if (!O2cbProbe.online(node, conf.cluster())) {
                throw new DuetException(Reason.COMMAND_FAILED, node.name() + ": o2cb restarted but cluster '"
                        + conf.cluster() + "' is not online (o2cb cluster-status says: "
                        + O2cbProbe.status(node, conf.cluster()) + "); see journalctl -u o2cb");
            }
            done.add(plan.online() ? "restarted o2cb to load the new configuration"
                    : "brought cluster '" + conf.cluster() + "' online (systemctl restart o2cb)");
        }
        if (done.isEmpty()) {
            return Done.unchanged("cluster '" + conf.cluster() + "' online with nodes " + conf.describeNames()
                    + ", o2cb enabled at boot");
        }
        return Done.changed(String.join("; ", done), diff);
    }

    private Plan inspect(Node node) {
        String hostname = O2cbProbe.hostname(node);
        if (!conf.nodeNames().contains(hostname)) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": uname -n is '" + hostname
                    + "', which is none of the cluster.conf node names (" + conf.describeNames()
                    + "); o2cb finds its own node by hostname, so the names must equal each node's uname -n");
        }
        String rendered = conf.render();
        var currentConf = node.readFile(ClusterConf.PATH).map(b -> new String(b, StandardCharsets.UTF_8));
        ManagedFile confFile = ManagedFile.text(ClusterConf.PATH, rendered, "0644");
        Check confCheck = confFile.check(node);

        String currentDefaults = node.readFile(O2cbDefaults.PATH)
                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        ManagedFile defaultsFile = ManagedFile.text(O2cbDefaults.PATH,
                O2cbDefaults.apply(currentDefaults, defaults), "0644");
        Check defaultsCheck = defaultsFile.check(node);

        O2cbProbe.Service o2cb = O2cbProbe.service(node, conf.cluster());
        boolean enabled = o2cb.enabledAtBoot();
        boolean online = o2cb.online();
        // By meaning, not bytes: a hand-written file in another layout is rewritten without a restart.
        List<String> reasons = new ArrayList<>();
        if (!online) {
            reasons.add("cluster '" + conf.cluster() + "' is offline");
        }
        if (currentConf.isPresent()) {
            ClusterConfMeaning.parse(currentConf.get()).differencesTo(ClusterConfMeaning.parse(rendered))
                    .forEach(d -> reasons.add(ClusterConf.PATH + ": " + d));
        } else {
            reasons.add(ClusterConf.PATH + " does not exist");
        }
        reasons.addAll(restartSettingChanges(currentDefaults));
        boolean restart = !reasons.isEmpty();
        if (restart) {
            List<String> mounted = O2cbProbe.ocfs2Mounts(node);
            if (!mounted.isEmpty()) {
                throw new DuetException(Reason.PRECONDITION, node.name() + ": o2cb would have to be restarted ("
                        + String.join("; ", reasons) + ") while OCFS2 is mounted at " + String.join(", ", mounted)
                        + "; o2cb cannot reload a live cluster and Duet does not unmount your data: unmount it"
                        + " on both nodes and run again");
            }
        }
        return new Plan(confFile, confCheck, currentConf.isPresent(), defaultsFile, defaultsCheck,
                enabled, online, restart);
    }

    /**
     * The managed keys of /etc/default/o2cb whose value (as the init script reads it: quotes and layout do
     * not count) differs. O2CB_ENABLED only matters at boot; every other key is read when the cluster comes
     * online.
     */
    private List<String> restartSettingChanges(String currentDefaults) {
        List<String> out = new ArrayList<>();
        defaults.forEach((key, want) -> {
            String have = O2cbDefaults.value(currentDefaults, key);
            if (!key.equals("O2CB_ENABLED") && !Objects.equals(have, want)) {
                out.add(O2cbDefaults.PATH + ": " + key + " " + (have == null ? "(unset)" : have) + " -> " + want);
            }
        });
        return out;
    }

    /** Adds what writing a file did to {@code done}; returns the diff so far. */
    private static String written(Done file, List<String> done, String diff) {
        if (!file.changed()) {
            return diff;
        }
        done.add(file.message());
        return joinDiffs(diff, file.diff());
    }

    private static String joinDiffs(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }
}
