package dev.duet.transport.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of Ansible's {@code ansible_ssh_common_args} Duet honours: {@code -o UserKnownHostsFile=PATH}
 * and {@code -o StrictHostKeyChecking=accept-new}. {@code StrictHostKeyChecking} set to {@code no} is ignored with a
 * warning: Duet never connects to a host whose key it cannot verify.
 */
public record SshCommonArgs(Optional<Path> knownHosts, boolean acceptNew) {
    private static final Logger LOG = LoggerFactory.getLogger(SshCommonArgs.class);

    public static SshCommonArgs parse(String node, String args) {
        Optional<Path> knownHosts = Optional.empty();
        boolean acceptNew = false;
        List<String> words = words(node, args == null ? "" : args);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String option;
            if (w.equals("-o") && i + 1 < words.size()) {
                option = words.get(++i);
            } else if (w.startsWith("-o") && w.length() > 2) {
                option = w.substring(2);
            } else {
                continue;
            }
            String[] kv = option.split("[=\\s]+", 2);
            if (kv.length < 2) {
                continue;
            }
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv[1].strip();
            if (key.equals("userknownhostsfile")) {
                knownHosts = Optional.of(HomePath.expand(value.split("\\s+")[0]));
            } else if (key.equals("stricthostkeychecking")) {
                String v = value.toLowerCase(Locale.ROOT);
                if (v.equals("accept-new")) {
                    acceptNew = true;
                } else if (v.equals("no") || v.equals("off")) {
                    LOG.warn("{}: ignoring StrictHostKeyChecking={} in ansible_ssh_common_args: Duet always verifies"
                            + " host keys (use --accept-new-host-keys to record unknown ones)", node, value);
                }
            }
        }
        return new SshCommonArgs(knownHosts, acceptNew);
    }

    private static List<String> words(String node, String args) {
        try {
            return dev.duet.transport.ShellWords.split(args);
        } catch (IllegalArgumentException e) {
            throw new dev.duet.error.InputException(node + ": ansible_ssh_common_args: " + e.getMessage());
        }
    }
}
