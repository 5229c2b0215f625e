package dev.duet.cli;

import dev.duet.transport.keep.KeptNodes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the connection keeper as a process of its own: the same java and JVM flags as this run (its
 * class-data archive too), this run's class path, in a session of its own ({@code setsid}) so a Ctrl-C
 * at the terminal does not reach it, standard input closed, its log and errors in the keeper's directory.
 */
final class KeeperProcess implements KeptNodes.Starter {
    @Override
    public Process start(Path socket, Duration idle) throws IOException {
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            argv.add("/usr/bin/setsid");
        }
        ProcessHandle.Info self = ProcessHandle.current().info();
        argv.add(self.command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        argv.addAll(jvmFlags(self.arguments().orElse(new String[0])));
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), KeeperMain.class.getName(),
                socket.toString(), Long.toString(idle.toSeconds())));
        Path dir = socket.getParent();
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("keeper.err").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("DUET_LOG_DIR", dir.toString());
        return pb.start();
    }

    /** This JVM's options (what came before {@code -jar}, {@code -cp} or the main class). */
    static List<String> jvmFlags(String[] args) {
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-jar") || a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")
                    || !a.startsWith("-")) {
                break;
            }
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-XX:ArchiveClassesAtExit")) {
                flags.add(a);
            }
        }
        return flags;
    }
}
