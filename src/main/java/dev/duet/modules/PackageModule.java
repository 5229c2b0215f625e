package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ansible's {@code package} (and {@code apt}, {@code dnf}, {@code yum}): {@code name} (one or a list),
 * {@code state: present|absent}, {@code update_cache} (refresh the package lists before installing;
 * only when something is to be installed, so a second run stays ok).
 */
public final class PackageModule implements Module {
    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]*");

    @Override
    public String name() {
        return "package";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("name");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("state", "update_cache");
    }

    @Override
    public Step bind(Args args) {
        List<String> names = new ArrayList<>();
        for (Object o : args.list("name")) {
            String n = String.valueOf(o).strip();
            if (n.isEmpty()) {
                continue;
            }
            if (!PACKAGE_NAME.matcher(n).matches()) {
                throw args.error("name", "must be package names (lower-case letters, digits, + . -), got '" + n + "'");
            }
            names.add(n);
        }
        if (names.isEmpty()) {
            throw args.error("name", "must name at least one package");
        }
        boolean present = args.oneOf("state", "present", "present", "absent").equals("present");
        return new PackageStep(names, present, args.bool("update_cache", false));
    }
}
