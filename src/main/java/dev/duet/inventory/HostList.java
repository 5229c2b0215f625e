package dev.duet.inventory;

import dev.duet.error.InputException;
import java.nio.file.Path;

/**
 * Ansible's host_list inventory plugin: a source that is no file or directory and contains a comma
 * ({@code -i 'node1,node2:2222,'}, {@code -i node1,}) names hosts, each in group ungrouped, with an optional
 * {@code :PORT} ({@code [addr]:PORT} too) as parse_address reads it; empty names are skipped and a host the
 * inventory already has is left as it is. Where Ansible would keep a name it cannot parse as written (a
 * range such as {@code node[1:3]}, which it does not expand here, or {@code a b}), Duet refuses it, as it
 * refuses such names in an inventory file. Such a source has no group_vars/ or host_vars/.
 */
final class HostList {
    private HostList() {
    }

    static boolean is(Path source) {
        return source.toString().contains(",");
    }

    static void read(InventoryDraft draft, Path source) {
        String list = source.toString();
        draft.readingHostList(source);
        InventoryDraft.Group ungrouped = draft.group(InventoryDraft.UNGROUPED, 1, 1);
        int start = 0;
        for (String part : list.split(",", -1)) {
            String name = part.strip();
            int column = start + part.length() - part.stripLeading().length() + 1;
            start += part.length() + 1;
            if (name.isEmpty()) {
                continue;
            }
            HostRanges.Entry entry = HostRanges.splitPort(name);
            String host = entry.names().get(0);
            if (!HostValidation.isPlainName(host)) {
                throw new InputException(source, 1, column, "'" + list + "' is no file or directory, so it is a"
                        + " host list as Ansible reads one ('node1,node2:2222,'): expected a plain host name"
                        + " (letters, digits, _ . -) with an optional :PORT, got '" + name + "'"
                        + (host.contains("[") ? " (a host list does not expand ranges)" : ""));
            }
            if (!draft.hasHost(host)) {
                draft.addHost(ungrouped, host, entry.port(), 1, column);
            }
        }
    }
}
