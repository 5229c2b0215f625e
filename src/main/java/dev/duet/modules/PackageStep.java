package dev.duet.modules;

import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.List;

/** Installs or removes packages; only the ones not yet in the wanted state are touched. */
public final class PackageStep implements Step {
    private final List<String> names;
    private final boolean present;
    private final boolean updateCache;

    public PackageStep(List<String> names, boolean present) {
        this(names, present, false);
    }

    public PackageStep(List<String> names, boolean present, boolean updateCache) {
        this.names = List.copyOf(names);
        this.present = present;
        this.updateCache = updateCache;
    }

    /** On a Debian-family host (as its facts say): the release file, then dpkg's answer for the packages. */
    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        LikelyReads release = LikelyReads.files(PackageManager.OS_RELEASE);
        if (!"Debian".equals(ctx.vars().get("ansible_os_family"))) {
            return release;
        }
        return release.and(LikelyReads.probes(DpkgStatus.query(names)));
    }

    @Override
    public Check check(StepContext ctx) {
        List<String> todo = todo(ctx.node(), PackageManager.detect(ctx.node()));
        if (todo.isEmpty()) {
            return Check.ok(String.join(", ", names) + (present ? " installed" : " not installed"));
        }
        return Check.change((present ? "would install " : "would remove ") + String.join(", ", todo));
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        PackageManager pm = PackageManager.detect(node);
        List<String> todo = todo(node, pm);
        if (todo.isEmpty()) {
            return Done.unchanged(String.join(", ", names) + (present ? " installed" : " not installed"));
        }
        if (!present) {
            node.run(pm.remove(todo)).orThrow(node.name());
        } else if (pm == PackageManager.APT) {
            if (updateCache) {
                node.run(PackageManager.aptUpdate()).orThrow(node.name());
            }
            aptInstall(node, pm.install(todo));
        } else {
            node.run(pm.install(todo)).orThrow(node.name());
        }
        return Done.changed((present ? "installed " : "removed ") + String.join(", ", todo));
    }

    private List<String> todo(Node node, PackageManager pm) {
        List<String> installed = pm.installedOf(node, names);
        if (present) {
            return names.stream().filter(n -> !installed.contains(n)).toList();
        }
        return installed;
    }

    /** Updates the lists only when there are none or apt cannot find a package: updates are slow. */
    private static void aptInstall(Node node, Command install) {
        boolean updated = false;
        if (!PackageManager.aptListsPresent(node)) {
            node.run(PackageManager.aptUpdate()).orThrow(node.name());
            updated = true;
        }
        CommandResult r = node.run(install);
        if (!r.ok() && !updated && PackageManager.needsAptUpdate(r)) {
            node.run(PackageManager.aptUpdate()).orThrow(node.name());
            r = node.run(install);
        }
        r.orThrow(node.name());
    }
}
