package dev.duet.cluster;

import dev.duet.cluster.status.ClusterProbe;
import dev.duet.cluster.status.CorosyncMembership;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.modules.ManagedFile;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * corosync.conf (compared by meaning, so an equivalent hand-written file stays), the shared authkey,
 * corosync enabled and running, and both members in the parsed membership. Debian's packages start
 * corosync, sbd and pacemaker on install with a one-node default configuration: a stack that runs no
 * resource ("fresh") is stopped, given the new files and started again. Under running resources a
 * changed corosync.conf is only reloaded, and a key that would change is refused: a new key needs the
 * whole stack restarted on both nodes, which Duet does not do behind Pacemaker's back.
 */
final class CorosyncStep implements Step {
    private final CorosyncConf conf;
    private final Duration timeout;

    CorosyncStep(CorosyncConf conf, Duration timeout) {
        this.conf = conf;
        this.timeout = timeout;
    }

    /** The node now, and what would change. {@code key} is empty while the key-maker has none yet. */
    private record Plan(boolean confOk, String currentConf, Optional<Authkey.Source> key, boolean keyOk,
                        boolean enabled, boolean running, boolean fresh) {
        List<String> changes(StepContext ctx) {
            List<String> out = new ArrayList<>();
            if (!confOk) {
                out.add(CorosyncConf.PATH + (currentConf == null ? " would be created" : " would be updated")
                        + (!running ? "" : fresh ? " and the stack restarted (it runs no resource)"
                        : " and reloaded (corosync-cfgtool -R)"));
            }
            if (!keyOk) {
                out.add(key.isEmpty() ? (Authkey.isMaker(ctx) ? Authkey.PATH + " would be generated (corosync-keygen -l)"
                        : Authkey.PATH + " would be copied from " + Authkey.maker(ctx) + " once generated there")
                        : Authkey.PATH + " would be copied from " + key.get().host());
            }
            if (!enabled) {
                out.add("corosync would be enabled at boot");
            }
            if (!running) {
                out.add("corosync would be started");
            }
            return out;
        }
    }

    /**
     * On a running pair: corosync.conf and the authkey (the peer's check reads this node's key too), the
     * units, and crm_mon, which tells whether Pacemaker runs resources (a running stack that has none yet
     * may be stopped to take a new configuration).
     */
    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return new LikelyReads(List.of(Units.activeProbe("corosync"), Units.activeProbe("pacemaker"),
                ClusterProbe.CRM_MON, Units.enabledProbe("corosync")), List.of(CorosyncConf.PATH, Authkey.PATH));
    }

    @Override
    public Check check(StepContext ctx) {
        Plan plan = inspect(ctx);
        List<String> changes = plan.changes(ctx);
        if (changes.isEmpty()) {
            return Check.ok("corosync cluster '" + conf.clusterName() + "' configured for " + conf.describeNames()
                    + ", authkey shared, corosync enabled and running");
        }
        String diff = plan.confOk() ? null : ManagedFile.unifiedDiff(CorosyncConf.PATH, plan.currentConf(), conf.render());
        return Check.change(String.join("; ", changes), diff);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        Plan plan = inspect(ctx);
        List<String> done = new ArrayList<>();
        String diff = null;
        boolean running = plan.running();
        if (running && plan.fresh() && (!plan.confOk() || !plan.keyOk())) {
            done.add(FreshStack.stop(node, plan.currentConf(), conf.clusterName()));
            running = false;
        }
        if (!plan.confOk()) {
            if (plan.currentConf() == null) {
                node.run(Command.change("mkdir", "-p", "/etc/corosync")).orThrow(node.name());
            }
            ManagedFile.text(CorosyncConf.PATH, conf.render(), "0644").write(node);
            diff = ManagedFile.unifiedDiff(CorosyncConf.PATH, plan.currentConf(), conf.render());
            done.add((plan.currentConf() == null ? "created " : "updated ") + CorosyncConf.PATH);
            if (running) {
                node.run(Command.change("corosync-cfgtool", "-R")).orThrow(node.name());
                done.add("reloaded corosync (corosync-cfgtool -R)");
            }
        }
        if (!plan.keyOk()) {
            done.add(shareKey(ctx, plan.key()));
        }
        if (!plan.enabled()) {
            node.run(Command.change("systemctl", "enable", "corosync")).orThrow(node.name());
            done.add("enabled corosync at boot");
        }
        if (!running) {
            start(node);
            done.add("started corosync");
        }
        CorosyncMembership m = new MembershipWait(timeout).await(node, conf.names());
        if (done.isEmpty()) {
            return Done.unchanged("corosync cluster '" + conf.clusterName() + "' up to date");
        }
        done.add("members " + String.join(", ", m.names()) + (m.quorate() ? ", quorate" : ", not quorate"));
        return Done.changed(String.join("; ", done), diff);
    }

    private Plan inspect(StepContext ctx) {
        Node node = ctx.node();
        String hostname = Units.hostname(node);
        if (!conf.names().contains(hostname)) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": uname -n is '" + hostname + "', which is"
                    + " none of the corosync node names (" + conf.describeNames() + "); Pacemaker names each node"
                    + " by its corosync name, so the names must equal each node's uname -n");
        }
        String current = node.readFile(CorosyncConf.PATH).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        boolean confOk = current != null && BraceConf.sameMeaning(current, conf.render());
        Optional<Authkey.Source> key = Authkey.source(ctx);
        Optional<byte[]> mine = Authkey.read(node);
        boolean keyOk = key.isPresent() && key.get().sameAs(mine) && Authkey.file(key.get().key()).check(node).kind()
                == Check.Kind.OK;
        boolean running = Units.active(node, "corosync");
        boolean fresh = running && FreshStack.fresh(node);
        if (running && !fresh && mine.isPresent() && key.isPresent() && !key.get().sameAs(mine)) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": corosync runs with an authkey that differs"
                    + " from " + key.get().host() + "'s; a new key takes a restart of corosync and Pacemaker on both"
                    + " nodes, which Duet does not do under running resources: stop pacemaker and corosync on both"
                    + " nodes (or copy the key by hand) and run again");
        }
        return new Plan(confOk, current, key, keyOk, Units.enabled(node, "corosync"), running, fresh);
    }

    /** Generates the key (key-maker without any key in the pair) or copies the source's; says which. */
    private String shareKey(StepContext ctx, Optional<Authkey.Source> planned) {
        Node node = ctx.node();
        Optional<Authkey.Source> source = Authkey.source(ctx);
        if (source.isEmpty() && Authkey.isMaker(ctx)) {
            node.run(Command.change("corosync-keygen", "-l")).orThrow(node.name());
            node.run(Command.change("chmod", "0400", Authkey.PATH)).orThrow(node.name());
            return "generated " + Authkey.PATH + " (corosync-keygen -l)";
        }
        if (source.isEmpty()) {
            source = Optional.of(new KeyWait(timeout).await(ctx));
        }
        Done put = Authkey.file(source.get().key()).put(node);
        return put.changed() ? "copied " + Authkey.PATH + " from " + source.get().host() + " (0400)"
                : Authkey.PATH + " already equal to " + source.get().host() + "'s";
    }

    private void start(Node node) {
        CommandResult r = node.run(Command.change("systemctl", "start", "corosync"));
        if (r.ok()) {
            return;
        }
        String why = (r.stderr() + " " + r.stdout()).strip();
        if (why.contains("dependency") && Units.enabled(node, "sbd")) {
            throw new DuetException(Reason.COMMAND_FAILED, node.name() + ": corosync did not start (" + why + "):"
                    + " sbd is enabled and corosync requires it, so sbd must have its device and watchdog configured"
                    + " first (run the sbd task before corosync; journalctl -u sbd says what it lacks)");
        }
        throw new DuetException(Reason.COMMAND_FAILED, node.name() + ": systemctl start corosync failed (" + why
                + "); see journalctl -u corosync");
    }

    static Optional<CorosyncMembership> membership(Node node) {
        return ClusterProbe.membership(node);
    }
}
