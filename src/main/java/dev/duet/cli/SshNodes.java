package dev.duet.cli;

import dev.duet.inventory.AnsibleBoolean;
import dev.duet.inventory.Host;
import dev.duet.transport.Escalation;
import dev.duet.transport.ssh.HomePath;
import dev.duet.transport.ssh.SshCommonArgs;
import dev.duet.transport.ssh.SshEndpoint;
import dev.duet.transport.ssh.SshNode;
import dev.duet.transport.ssh.SshOptions;

/** Builds an {@link SshNode} from an Ansible inventory host and the run's defaults. */
public final class SshNodes {
    private SshNodes() {
    }

    /** Opens the connection now: unreachable hosts, bad keys and unknown host keys show up at start. */
    public static SshNode open(Host host, SshOptions defaults) {
        return create(host, defaults).connect();
    }

    /** As {@link #open}, with become decided by the caller (the play), over the inventory's ansible_become. */
    public static SshNode open(Host host, SshOptions defaults, boolean become) {
        SshEndpoint endpoint = new SshEndpoint(host.name(), host.address(), host.port(), host.user());
        return new SshNode(endpoint, options(host, defaults).withBecome(become)).connect();
    }

    /** As {@link #open}, running commands and files with {@code escalation} (a play's become_user). */
    public static SshNode open(Host host, SshOptions defaults, Escalation escalation) {
        SshEndpoint endpoint = new SshEndpoint(host.name(), host.address(), host.port(), host.user());
        return new SshNode(endpoint, options(host, defaults), escalation).connect();
    }

    /**
     * Through the connection keeper when the run keeps its connections and the keeper is there; empty
     * otherwise (the caller then connects directly). {@code escalation} null: the host's own become.
     */
    public static java.util.Optional<dev.duet.transport.Node> kept(dev.duet.transport.keep.KeptNodes keeper, Host host,
            SshOptions options, Escalation escalation) {
        if (keeper == null) {
            return java.util.Optional.empty();
        }
        Escalation e = escalation != null ? escalation : options.become() ? Escalation.ROOT : Escalation.NONE;
        return keeper.open(endpoint(host), options, e);
    }

    static SshEndpoint endpoint(Host host) {
        return new SshEndpoint(host.name(), host.address(), host.port(), host.user());
    }

    /** Like {@link #open} without connecting; the first operation connects. */
    public static SshNode create(Host host, SshOptions defaults) {
        SshOptions options = options(host, defaults);
        SshEndpoint endpoint = new SshEndpoint(host.name(), host.address(), host.port(), host.user());
        return new SshNode(endpoint, options);
    }

    /** The defaults with the host's inventory variables applied. */
    public static SshOptions options(Host host, SshOptions defaults) {
        SshOptions o = defaults;
        var common = SshCommonArgs.parse(host.name(), host.var("ansible_ssh_common_args").orElse(""));
        if (common.knownHosts().isPresent()) {
            o = o.withKnownHosts(common.knownHosts().get());
        }
        if (host.var("known_hosts").isPresent()) {
            o = o.withKnownHosts(HomePath.expand(host.var("known_hosts").get()));
        }
        if (common.acceptNew()) {
            o = o.withAcceptNewHostKeys(true);
        }
        // as Ansible's ssh plugin: ansible_ssh_private_key_file wins over ansible_private_key_file
        var key = host.connectionVar("ansible_private_key_file", "ansible_ssh_private_key_file");
        if (key.isPresent()) {
            o = o.withIdentityFile(HomePath.expand(key.get()));
        }
        // the loader refused anything but a boolean or a template; a template is the play's to render
        var become = AnsibleBoolean.of(host.vars().get("ansible_become"));
        if (become.isPresent()) {
            o = o.withBecome(become.get());
        }
        return o;
    }
}
