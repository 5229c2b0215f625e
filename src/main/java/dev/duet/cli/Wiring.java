package dev.duet.cli;

import dev.duet.cluster.ClusterModules;
import dev.duet.cluster.cib.CibModule;
import dev.duet.cluster.handover.ClusterPreflightModule;
import dev.duet.cluster.handover.ClusterWaitModule;
import dev.duet.drbd.steps.DrbdModules;
import dev.duet.engine.NodeOpener;
import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import dev.duet.inventory.InventoryLoader;
import dev.duet.modules.GenericModules;
import dev.duet.ocfs2.Ocfs2Modules;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.PlaybookLoader;
import dev.duet.playbook.PlaybookTemplating;
import dev.duet.playbook.Templating;
import dev.duet.step.ModuleRegistry;
import dev.duet.transport.Node;
import dev.duet.transport.keep.KeptNodes;
import dev.duet.transport.ssh.SshOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Puts the pieces together for one CLI invocation: inventory, modules, templating, SSH. */
final class Wiring {
    private final Inventory inventory;
    private final boolean acceptNewHostKeys;
    private final ModuleRegistry modules;
    private java.time.Duration persist = Persist.OFF;

    Wiring(Path inventoryFile, boolean acceptNewHostKeys) {
        this(List.of(inventoryFile), null, acceptNewHostKeys);
    }

    Wiring(List<Path> inventorySources, boolean acceptNewHostKeys) {
        this(inventorySources, null, acceptNewHostKeys);
    }

    /**
     * {@code inventorySources}: every -i, read in order into one inventory; {@code playbookDir} (may be null):
     * its group_vars/ and host_vars/ join the inventory's, as in Ansible.
     */
    Wiring(List<Path> inventorySources, Path playbookDir, boolean acceptNewHostKeys) {
        this.inventory = new InventoryLoader().load(inventorySources, playbookDir);
        this.acceptNewHostKeys = acceptNewHostKeys;
        this.modules = registry();
    }

    /** The -i sources as a message names them: {@code a/hosts, b/extra.yml}. */
    static String named(List<Path> inventorySources) {
        return String.join(", ", inventorySources.stream().map(Path::toString).toList());
    }

    static ModuleRegistry registry() {
        ModuleRegistry registry = new ModuleRegistry();
        GenericModules.registerAll(registry);
        DrbdModules.registerAll(registry);
        Ocfs2Modules.registerAll(registry);
        ClusterModules.registerAll(registry);
        registry.register(new CibModule()).register(new ClusterWaitModule()).register(new ClusterPreflightModule());
        return registry;
    }

    Inventory inventory() {
        return inventory;
    }

    ModuleRegistry modules() {
        return modules;
    }

    Playbook playbook(Path file) {
        return new PlaybookLoader(modules).load(file);
    }

    Templating templating() {
        return new PlaybookTemplating(inventory);
    }

    Function<String, List<Host>> hostPattern() {
        return inventory::hostsMatching;
    }

    NodeOpener opener() {
        SshOptions defaults = SshOptions.defaults().withAcceptNewHostKeys(acceptNewHostKeys);
        KeptNodes keeper = Persist.nodes(persist).orElse(null);
        return new NodeOpener() {
            @Override
            public Node open(Host host) {
                return SshNodes.kept(keeper, host, SshNodes.options(host, defaults), null)
                        .orElseGet(() -> SshNodes.open(host, defaults));
            }

            @Override
            public Node open(Host host, boolean become) {
                return SshNodes.kept(keeper, host, SshNodes.options(host, defaults).withBecome(become), null)
                        .orElseGet(() -> SshNodes.open(host, defaults, become));
            }

            @Override
            public Node open(Host host, dev.duet.transport.Escalation escalation) {
                return SshNodes.kept(keeper, host, SshNodes.options(host, defaults), escalation)
                        .orElseGet(() -> SshNodes.open(host, defaults, escalation));
            }
        };
    }

    /** Keep this run's connections open for {@code duration} after it (zero: do not). */
    Wiring persist(java.time.Duration duration) {
        this.persist = duration;
        return this;
    }
}
