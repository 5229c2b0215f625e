package dev.duet.ocfs2;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code mount}: an fstab entry and the mount itself, with Ansible's states. For OCFS2 the fstab entry
 * also orders the boot: {@code _netdev} makes it a remote mount (after the network), and systemd's fstab
 * generator turns {@code x-systemd.requires=o2cb.service} into Requires=+After= on the o2cb service and
 * {@code x-systemd.after=drbd.service} into After= on DRBD's unit (a no-op where that unit is absent).
 */
public final class MountModule implements Module {
    static final String DEFAULT_OPTS = "noatime,_netdev";
    static final List<String> OCFS2_BOOT_ORDER = List.of("x-systemd.requires=o2cb.service",
            "x-systemd.after=drbd.service");
    private static final Pattern OPTS = Pattern.compile("[A-Za-z0-9_.=:@/+-]+(,[A-Za-z0-9_.=:@/+-]+)*");
    private static final Pattern TAGGED_SRC = Pattern.compile("(LABEL|UUID)=[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern FSTYPE = Pattern.compile("[a-z0-9][a-z0-9_.]*");

    @Override
    public String name() {
        return "mount";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("path");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("src", "fstype", "opts", "state", "dump", "passno");
    }

    @Override
    public Step bind(Args args) {
        String path = args.path("path");
        MountStep.State state = MountStep.State.valueOf(
                args.oneOf("state", "mounted", "mounted", "unmounted", "present", "absent").toUpperCase(Locale.ROOT));
        boolean needsSource = state == MountStep.State.MOUNTED || state == MountStep.State.PRESENT;
        String src = needsSource || args.has("src") ? src(args) : "none";
        String fstype = checked(args, "fstype", args.string("fstype", "ocfs2"), FSTYPE, "a filesystem type");
        String opts = opts(args, fstype);
        String dump = String.valueOf(args.integer("dump", 0));
        String passno = String.valueOf(args.integer("passno", 0));
        return new MountStep(new FstabEntry(src, path, fstype, opts, dump, passno), state);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args args = Args.literals(name(), rawArgs, where);
        Map<String, Object> concrete = args.raw();
        if (concrete.containsKey("path")) {
            args.path("path");
        }
        if (concrete.containsKey("src")) {
            src(args);
        }
        if (concrete.containsKey("state")) {
            args.oneOf("state", "mounted", "mounted", "unmounted", "present", "absent");
        }
        if (concrete.containsKey("opts")) {
            checked(args, "opts", args.string("opts"), OPTS, "comma-separated mount options without spaces");
        }
    }

    private static String src(Args args) {
        String src = args.string("src");
        if (src.startsWith("/")) {
            return args.path("src");
        }
        return checked(args, "src", src, TAGGED_SRC, "a device path, LABEL=name or UUID=uuid");
    }

    private static String opts(Args args, String fstype) {
        String given = checked(args, "opts", args.string("opts", DEFAULT_OPTS), OPTS,
                "comma-separated mount options without spaces");
        List<String> opts = new ArrayList<>(Arrays.asList(given.split(",")));
        if (fstype.equals("ocfs2")) {
            // x-systemd.after/requires may repeat; each adds one dependency, so only exact duplicates are skipped
            OCFS2_BOOT_ORDER.stream().filter(o -> !opts.contains(o)).forEach(opts::add);
        }
        return String.join(",", opts);
    }

    private static String checked(Args args, String key, String value, Pattern p, String expected) {
        if (!p.matcher(value).matches()) {
            throw args.error(key, "must be " + expected + ", got '" + value + "'");
        }
        return value;
    }
}
