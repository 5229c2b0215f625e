package dev.duet.lab;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the lab from tests: {@code scripts/lab} commands, the real launcher {@code scripts/duet}, and
 * plain OpenSSH into the VMs (strict host keys, the config {@code scripts/lab ssh-config} prints) to
 * look at the nodes independently of Duet's own transport.
 */
final class LabHarness {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path INVENTORY = ROOT.resolve("inventory/lab.yml");
    static final Path PLAYBOOK = ROOT.resolve("playbooks/dual-primary-ocfs2.yml");

    record Result(int code, String out) {
    }

    private Path sshConfig;

    /** Starts the lab (a no-op when it runs) and writes the SSH config; fails loudly when QEMU cannot start. */
    LabHarness up() {
        Result up = run("lab up", Duration.ofMinutes(60), ROOT.resolve("scripts/lab").toString(), "up");
        if (up.code() != 0) {
            fail("LAB TIER FAILED: `scripts/lab up` exited " + up.code() + " (QEMU missing or failing?):\n" + up.out());
        }
        Result cfg = run("lab ssh-config", Duration.ofMinutes(1), ROOT.resolve("scripts/lab").toString(), "ssh-config");
        try {
            sshConfig = Files.createTempFile("duet-lab-ssh", ".config");
            Files.writeString(sshConfig, cfg.out());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return this;
    }

    Result lab(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("scripts/lab").toString()));
        cmd.addAll(List.of(args));
        Result r = run("lab " + String.join(" ", args), Duration.ofMinutes(20), cmd.toArray(String[]::new));
        if (r.code() != 0) {
            fail("`scripts/lab " + String.join(" ", args) + "` exited " + r.code() + ":\n" + r.out());
        }
        return r;
    }

    /** Runs the real launcher; returns exit code and merged output. */
    Result duet(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("scripts/duet").toString()));
        cmd.addAll(List.of(args));
        return run("duet " + args[0], Duration.ofMinutes(30), cmd.toArray(String[]::new));
    }

    Result ssh(String node, String command) {
        return run(node, Duration.ofMinutes(5), "ssh", "-F", sshConfig.toString(), node, command);
    }

    /** Output of a command that must succeed on the node. */
    String sshOk(String node, String command) {
        Result r = ssh(node, command);
        if (r.code() != 0) {
            fail(node + ": `" + command + "` exited " + r.code() + ":\n" + r.out());
        }
        return r.out();
    }

    static Result run(String label, Duration timeout, String... command) {
        return Running.start(label, command).finish(timeout);
    }

    /** A command on a node in the background (e.g. both nodes' installs at once). */
    Running sshInBackground(String node, String command) {
        return Running.start(node, "ssh", "-F", sshConfig.toString(), node, command);
    }

    /** The real launcher in the background (to cause a fault while it runs); {@link Running#finish} collects it. */
    Running duetInBackground(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("scripts/duet").toString()));
        cmd.addAll(List.of(args));
        return Running.start("duet " + args[0], cmd.toArray(String[]::new));
    }

    /** A process whose merged output is collected (and echoed) line by line while it runs. */
    static final class Running {
        private final String label;
        private final String[] command;
        private final Process process;
        private final Thread reader;
        private final StringBuilder out = new StringBuilder();
        private final long t0 = System.nanoTime();

        private Running(String label, String[] command) throws IOException {
            this.label = label;
            this.command = command;
            this.process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            this.reader = new Thread(this::readAll);
            reader.setDaemon(true);
            reader.start();
        }

        static Running start(String label, String... command) {
            try {
                return new Running(label, command);
            } catch (IOException e) {
                throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
            }
        }

        private void readAll() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.append(line).append('\n');
                        out.notifyAll();
                    }
                    System.out.println("[" + label + "] " + line);
                }
            } catch (IOException ignored) {
                // the process went away; what it printed is kept
            }
        }

        /** Waits until a line of output contains {@code text}; fails when the process ends first or time is up. */
        void awaitOutput(String text, Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            synchronized (out) {
                while (out.indexOf(text) < 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                        fail("`" + text + "` did not appear within " + atMost + " in the output of "
                                + String.join(" ", command) + ":\n" + out);
                    }
                    try {
                        out.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
        }

        Result finish(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    fail("timed out after " + timeout + ": " + String.join(" ", command) + "\n" + out);
                }
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            System.out.printf("[lab timing] %s: %.1f s%n", label, (System.nanoTime() - t0) / 1e9);
            synchronized (out) {
                return new Result(process.exitValue(), out.toString());
            }
        }
    }
}
