package dev.duet.cli;

import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import dev.duet.inventory.InventoryLoader;
import dev.duet.output.InventoryListing;
import dev.duet.output.PyJson;
import dev.duet.output.PyYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code duet inventory --list [--yaml] -i INV}: the inventory as Duet read it (hosts, groups, merged
 * variables with group_vars/ and host_vars/), in the shape of {@code ansible-inventory --list}, so the two
 * can be compared with diff. Contacts no host.
 */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Print the inventory as Duet reads it, in the shape of ansible-inventory --list (or --host).")
public final class InventoryCommand implements Callable<Integer> {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Ansible inventory: a YAML or INI file, a directory of them, or a host list ('node1,node2:2222,'); repeat -i to read several into"
                    + " one, as ansible-inventory does.")
    List<Path> inventories;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--list", required = true, description = "All hosts and groups, with each host's variables.")
        boolean list;

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "One host's variables.")
        String host;
    }

    @Option(names = {"-y", "--yaml"}, description = "YAML instead of JSON, as ansible-inventory --yaml.")
    boolean yaml;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "Extra variables (key=value, YAML/JSON, or @FILE), on top of every host's, as "
                    + "ansible-inventory shows them.")
    List<String> extraVarOptions = new ArrayList<>();

    @Option(names = "--playbook-dir", paramLabel = "DIR",
            description = "Also read group_vars/ and host_vars/ in DIR, as a playbook there would.")
    Path playbookDir;

    @Override
    public Integer call() {
        Inventory inv = new InventoryLoader().load(inventories, playbookDir);
        InventoryListing listing = new InventoryListing(inv, ExtraVars.parseAsLoaded(extraVarOptions));
        String text;
        if (action.list) {
            text = yaml ? listing.yaml() : listing.json();
        } else {
            Host h = inv.hosts().get(action.host);
            if (h == null) {
                throw new InputException(Wiring.named(inventories) + ": no host named '" + action.host + "' (hosts: "
                        + String.join(", ", inv.hosts().keySet()) + ")");
            }
            Map<String, Object> vars = listing.hostVars(h);
            text = yaml ? PyYaml.dump(vars) : PyJson.dump(vars);
        }
        System.out.print(text.endsWith("\n") ? text : text + "\n");
        System.out.flush();
        return 0;
    }
}
