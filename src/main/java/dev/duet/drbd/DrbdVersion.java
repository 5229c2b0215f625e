package dev.duet.drbd;

import dev.duet.transport.CommandResult;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DRBD kernel module version a node runs (it decides the config dialect and command syntax) and,
 * when known, the drbd-utils version (it decides how options are passed to drbdadm).
 */
public record DrbdVersion(int major, int minor, int patch, String utils) {
    private static final Pattern DOTTED = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern PROC_LINE = Pattern.compile("(?m)^version:\\s*(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Pattern KERNEL_CODE = Pattern.compile("DRBD_KERNEL_VERSION_CODE=0x([0-9a-fA-F]+)");
    private static final Pattern UTILS = Pattern.compile("DRBDADM_VERSION=(\\S+)");

    public static DrbdVersion parse(String dotted) {
        Matcher m = DOTTED.matcher(dotted.strip());
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not a DRBD version: '" + dotted + "'");
        }
        return new DrbdVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), null);
    }

    /** From drbdadm's {@code DRBD_KERNEL_VERSION_CODE} (0x08040b = 8.4.11). */
    public static DrbdVersion fromCode(String hex) {
        int code = Integer.parseInt(hex.replaceFirst("^0x", ""), 16);
        return new DrbdVersion((code >> 16) & 0xff, (code >> 8) & 0xff, code & 0xff, null);
    }

    public DrbdVersion withUtils(String utilsVersion) {
        return new DrbdVersion(major, minor, patch, utilsVersion);
    }

    /** The installed module's version from {@code modinfo -F version drbd}; empty when it printed none. */
    public static Optional<DrbdVersion> fromModinfo(String stdout) {
        return DOTTED.matcher(stdout.strip()).lookingAt() ? Optional.of(parse(stdout)) : Optional.empty();
    }

    /**
     * The version from outputs already in hand: {@code cat /proc/drbd}, else drbdadm's
     * DRBD_KERNEL_VERSION_CODE; the utils version from {@code drbdadm --version}.
     */
    public static Optional<DrbdVersion> fromOutputs(CommandResult proc, CommandResult drbdadmVersion) {
        return withAdm(fromProc(proc), drbdadmVersion);
    }

    /**
     * {@code kernel}, else drbdadm's DRBD_KERNEL_VERSION_CODE, with the utils version from {@code drbdadm
     * --version}.
     */
    public static Optional<DrbdVersion> withAdm(Optional<DrbdVersion> kernel, CommandResult adm) {
        String text = adm.stdout() + "\n" + adm.stderr();
        if (kernel.isEmpty()) {
            Matcher m = KERNEL_CODE.matcher(text);
            if (m.find()) {
                kernel = Optional.of(fromCode(m.group(1))).filter(v -> v.major() > 0);
            }
        }
        Matcher u = UTILS.matcher(text);
        String utils = u.find() ? u.group(1) : null;
        return kernel.map(k -> k.withUtils(utils));
    }

    /** The loaded module's version from {@code cat /proc/drbd}; empty when it failed or printed none. */
    public static Optional<DrbdVersion> fromProc(CommandResult r) {
        if (!r.ok()) {
            return Optional.empty();
        }
        Matcher m = PROC_LINE.matcher(r.stdout());
        return m.find() ? Optional.of(parse(m.group(1))) : Optional.empty();
    }

    public boolean is9() {
        return major >= 9;
    }

    public boolean is83OrOlder() {
        return major < 8 || (major == 8 && minor <= 3);
    }

    /** drbd-utils 9.x accepts options after the command; older drbdadm needs {@code drbdadm -- --opt cmd}. */
    public boolean utilsTakeTrailingOptions() {
        if (utils == null) {
            return !is83OrOlder();
        }
        Matcher m = DOTTED.matcher(utils);
        return m.lookingAt() && Integer.parseInt(m.group(1)) >= 9;
    }

    /**
     * Whether {@code drbdsetup events2} works: kernel module 8.4.6 or newer and drbd-utils 8.9.3 or newer.
     * Unknown utils count as too old, so an unsure answer means polling.
     */
    public boolean hasEvents2() {
        if (utils == null || compare(major, minor, patch, 8, 4, 6) < 0) {
            return false;
        }
        Matcher m = DOTTED.matcher(utils);
        return m.lookingAt() && compare(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), 8, 9, 3) >= 0;
    }

    /**
     * The kernel module's half of {@link #hasEvents2()}: 8.4.6 or newer. With it, a {@code drbdsetup events2
     * --now} that exits 0 with a whole dump proves the utils half too (older drbdsetup has no events2 command
     * and fails), so the utils version need not be asked first.
     */
    public boolean kernelHasEvents2() {
        return compare(major, minor, patch, 8, 4, 6) >= 0;
    }

    private static int compare(int a1, int a2, int a3, int b1, int b2, int b3) {
        return a1 != b1 ? Integer.compare(a1, b1) : a2 != b2 ? Integer.compare(a2, b2) : Integer.compare(a3, b3);
    }

    /** "8.4" or "9": the configuration dialect. */
    public String dialect() {
        return is9() ? "9" : major + "." + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (utils == null ? "" : " (drbd-utils " + utils + ")");
    }
}
