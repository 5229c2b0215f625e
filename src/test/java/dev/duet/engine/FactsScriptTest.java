package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gathering's script run by a real local shell, as a host's {@code sh} runs it ({@code /bin/sh} is dash on
 * Debian; bash is the {@code sh} of the RedHat family). PATH holds only stand-ins for {@code uname} and
 * {@code hostname} that log each start, so a script that started any other program would fail on stderr, and
 * the log says which processes the script started.
 */
class FactsScriptTest {
    private static final String KERNEL = "/proc/sys/kernel/";

    @TempDir
    Path dir;

    /** One run of a shell: exit status, stdout, stderr, and the programs it started (from the stand-ins' log). */
    record Ran(int exit, String out, String err, List<String> started) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "/bin/bash"})
    void onThisMachineTheLinesAreWhatUnameHostnameAndTheReleaseFilesSay(String shell) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(shell)), shell + " is not installed");
        assumeTrue(Files.isReadable(Path.of(KERNEL, "hostname")), "not Linux: no " + KERNEL);
        Optional<Path> uname = onPath("uname");
        assumeTrue(uname.isPresent(), "no uname here to compare with");
        Optional<Path> hostname = onPath("hostname");
        String unameN = local(uname.get().toString(), "-n");
        String unameR = local(uname.get().toString(), "-r");
        String unameM = local(uname.get().toString(), "-m");
        String unameS = local(uname.get().toString(), "-s");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        passThrough(bin, "uname", uname);
        passThrough(bin, "hostname", hostname);
        List<String> argv = new ArrayList<>(Facts.COMMAND.argv());
        argv.set(0, shell);

        Ran ran = run(argv, bin);

        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.err()).as("nothing on stderr: no syntax error, no program missing").isEmpty();
        assertThat(ran.out()).endsWith("\n");
        List<String> lines = ran.lines();
        // hostname -f as this machine answers it, the node name when it fails (or is not installed)
        String fqdn = hostname.flatMap(h -> answer(h.toString(), "-f")).orElse(unameN);
        Map<String, String> osRelease = osRelease();
        assertThat(lines).containsExactly(
                unameN,
                unameR,
                osRelease.getOrDefault("ID", ""),
                osRelease.getOrDefault("ID_LIKE", ""),
                osRelease.getOrDefault("VERSION_ID", ""),
                osRelease.getOrDefault("VERSION_CODENAME", osRelease.getOrDefault("UBUNTU_CODENAME", "")),
                firstLine(Path.of("/etc/debian_version")),
                unameM,
                fqdn,
                unameS);
        // uname only for a name this kernel does not show (arch exists on newer kernels only), hostname -f always
        List<String> started = new ArrayList<>();
        for (String[] f : new String[][] {{"hostname", "-n"}, {"osrelease", "-r"}, {"ostype", "-s"}, {"arch", "-m"}}) {
            if (firstLine(Path.of(KERNEL, f[0])).isEmpty()) {
                started.add("uname " + f[1]);
            }
        }
        started.add("hostname -f");
        assertThat(ran.started()).as("the processes the script started").containsExactlyElementsOf(started);

        Map<String, Object> facts = Facts.fromLines(lines.toArray(String[]::new));
        assertThat(facts).containsEntry("ansible_nodename", unameN).containsEntry("ansible_kernel", unameR)
                .containsEntry("ansible_machine", unameM).containsEntry("ansible_system", unameS);
        assertThat(Facts.nodeName(facts).stdout()).as("what a check half asking uname -n is answered")
                .isEqualTo(unameN + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "/bin/bash"})
    void unameAnswersOnlyForANameThatCannotBeReadAndTheFqdnFallsBackToTheNameRead(String shell) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(shell)), shell + " is not installed");
        Path kernel = Files.createDirectories(dir.resolve("kernel"));
        Files.writeString(kernel.resolve("hostname"), "from-file\n");
        Files.writeString(kernel.resolve("ostype"), ""); // empty
        Files.createDirectories(kernel.resolve("arch")); // there, but not a file a read can read
        // osrelease is missing

        Ran ran = run(List.of(shell, "-c", withFiles(kernel), "sh"), standIns());

        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.err()).as("a missing or unreadable file says nothing on stderr").isEmpty();
        assertThat(ran.lines()).containsExactly("from-file", "9.9.9-fallback", "debian", "", "12", "bookworm", "12.5",
                "fallback-arch", "from-file", "FallbackOS");
        assertThat(ran.started()).as("uname for the three names not read; hostname -f's fallback starts nothing")
                .containsExactly("uname -r", "uname -s", "uname -m", "hostname -f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "/bin/bash"})
    void withoutTheKernelsFilesEachNameIsAskedOfUnameOnce(String shell) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(shell)), shell + " is not installed");

        Ran ran = run(List.of(shell, "-c", withFiles(dir.resolve("no-such-dir")), "sh"), standIns());

        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.err()).isEmpty();
        assertThat(ran.lines()).containsExactly("fallback-node", "9.9.9-fallback", "debian", "", "12", "bookworm",
                "12.5", "fallback-arch", "fallback-node", "FallbackOS");
        assertThat(ran.started()).as("uname -n once: the fqdn's fallback reuses it")
                .containsExactly("uname -n", "uname -r", "uname -s", "uname -m", "hostname -f");
    }

    /**
     * The production script with its kernel directory, /etc/os-release and /etc/debian_version moved under the
     * test's directory. The os-release sets the script's own lower-case names, as a file it sources may: the
     * lines after it must not change.
     */
    private String withFiles(Path kernel) throws IOException {
        assertThat(Facts.SCRIPT.split(KERNEL, -1)).as("every kernel file is read through one path").hasSize(2);
        assertThat(kernel.toString()).doesNotContain(" ");
        Path osRelease = Files.writeString(dir.resolve("os-release"),
                "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nn=clobbered\nr=clobbered\ns=clobbered\n"
                        + "m=clobbered\nv=clobbered\n");
        Path debianVersion = Files.writeString(dir.resolve("debian_version"), "12.5\n");
        String script = Facts.SCRIPT.replace(KERNEL, kernel + "/").replace("/etc/os-release", osRelease.toString())
                .replace("/etc/debian_version", debianVersion.toString());
        assertThat(script).doesNotContain("/proc/", "/etc/");
        return script;
    }

    /** A PATH of {@code uname} and {@code hostname} stand-ins: uname prints fixed names, hostname -f fails. */
    private Path standIns() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin, "uname", "case \"$1\" in -n) echo fallback-node;; -r) echo 9.9.9-fallback;; -s) echo FallbackOS;; "
                + "-m) echo fallback-arch;; *) exit 1;; esac");
        script(bin, "hostname", "echo 'hostname: Name or service not known' >&2; exit 1");
        return bin;
    }

    /** A stand-in that logs its start and runs the real program, or fails as a missing one would. */
    private void passThrough(Path bin, String name, Optional<Path> real) throws IOException {
        script(bin, name, real.map(r -> "exec " + r + " \"$@\"").orElse("exit 127"));
    }

    private void script(Path bin, String name, String body) throws IOException {
        Path p = Files.writeString(bin.resolve(name), "#!/bin/sh\necho \"" + name + " $*\" >>" + dir.resolve("started")
                + "\n" + body + "\n");
        assertThat(p.toFile().setExecutable(true)).isTrue();
    }

    private Ran run(List<String> argv, Path path) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("PATH", path.toString());
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        // small outputs: the pipes do not fill before the process ends
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the script ended").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        Path log = dir.resolve("started");
        List<String> started = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Ran(p.exitValue(), out, err, started);
    }

    /** What a program of this machine prints, its one line without the newline; fails on a non-zero exit. */
    private static String local(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv)).isZero();
        return out.strip();
    }

    /** What a program of this machine prints, stripped, when it exits 0; empty when it fails. */
    private static Optional<String> answer(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out.strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The file's first line, stripped; empty when it cannot be read. */
    private static String firstLine(Path p) {
        try {
            return Files.readAllLines(p).stream().findFirst().orElse("").strip();
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    /** This machine's /etc/os-release as KEY=VALUE, quotes taken off (enough for what the script echoes). */
    private static Map<String, String> osRelease() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path p = Path.of("/etc/os-release");
        if (!Files.isReadable(p)) {
            return m;
        }
        for (String line : Files.readAllLines(p)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                String v = line.substring(eq + 1).strip();
                if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.endsWith(v.substring(0, 1))) {
                    v = v.substring(1, v.length() - 1);
                }
                m.put(line.substring(0, eq).strip(), v);
            }
        }
        return m;
    }
}
