package dev.duet.modules;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The node's package manager, found from {@code /etc/os-release}, and the commands it takes. */
public enum PackageManager {
    APT, DNF, YUM, ZYPPER;

    /** Installing pulls packages over a slow lab link and runs maintainer scripts under emulation. */
    public static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);

    static final String OS_RELEASE = "/etc/os-release";

    public static PackageManager detect(Node node) {
        String text = node.readFile(OS_RELEASE)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new DuetException(Reason.PRECONDITION,
                        node.name() + ": /etc/os-release is missing, so the package manager is unknown"));
        OsRelease os = OsRelease.parse(text);
        if (os.isLike("debian", "ubuntu")) {
            return APT;
        }
        if (os.isLike("rhel", "fedora", "centos")) {
            boolean hasDnf = node.run(Command.probe("test", "-x", "/usr/bin/dnf")).ok();
            return hasDnf ? DNF : YUM;
        }
        if (os.isLike("suse", "opensuse")) {
            return ZYPPER;
        }
        throw new DuetException(Reason.PRECONDITION, node.name() + ": no known package manager for ID="
                + os.id() + " ID_LIKE=" + String.join(" ", os.idLike())
                + " (expected a debian, ubuntu, rhel, fedora, centos or suse family)");
    }

    /** Which of {@code names} are installed, asked in one round trip (with apt, in one dpkg-query). */
    public List<String> installedOf(Node node, List<String> names) {
        if (this == APT) {
            return DpkgStatus.installed(node.name(), names, node.run(DpkgStatus.query(names)));
        }
        List<CommandResult> r = node.runAll(names.stream().map(n -> Command.probe("rpm", "-q", "--quiet", n)).toList());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (r.get(i).ok()) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    public Command install(List<String> names) {
        return switch (this) {
            case APT -> apt("install", names);
            case DNF -> withNames(names, "dnf", "-y", "install");
            case YUM -> withNames(names, "yum", "-y", "install");
            case ZYPPER -> withNames(names, "zypper", "--non-interactive", "install");
        };
    }

    public Command remove(List<String> names) {
        return switch (this) {
            case APT -> apt("remove", names);
            case DNF -> withNames(names, "dnf", "-y", "remove");
            case YUM -> withNames(names, "yum", "-y", "remove");
            case ZYPPER -> withNames(names, "zypper", "--non-interactive", "remove");
        };
    }

    /** Refreshes apt's package lists. */
    public static Command aptUpdate() {
        return withNames(List.of(), "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-y", "update");
    }

    /** True when apt has package lists; a freshly built node has none until the first update. */
    public static boolean aptListsPresent(Node node) {
        return node.run(Command.probeScript("set -- /var/lib/apt/lists/*_Packages*; [ -e \"$1\" ]")).ok();
    }

    /** apt's answers that mean its package lists are missing or stale. */
    public static boolean needsAptUpdate(CommandResult r) {
        String out = r.stderr() + "\n" + r.stdout();
        return out.contains("Unable to locate package") || out.contains("has no installation candidate");
    }

    private static Command apt(String verb, List<String> names) {
        // confdef/confold: keep a config file Duet (or the admin) already wrote instead of prompting.
        return withNames(names, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-y",
                "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold", verb);
    }

    private static Command withNames(List<String> names, String... head) {
        List<String> argv = new ArrayList<>(List.of(head));
        argv.addAll(names);
        return new Command(argv, false, null, INSTALL_TIMEOUT, false);
    }
}
