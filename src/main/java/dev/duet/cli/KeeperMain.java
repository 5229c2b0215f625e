package dev.duet.cli;

import dev.duet.transport.keep.ConnectionKeeper;
import dev.duet.transport.ssh.SshNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The connection keeper's process ({@code --persist}): started by a run, detached from its terminal, it
 * listens on its socket, says "ready" on standard output, and serves until its connections have been
 * idle for their time. Not a command for users: {@link KeeperProcess} starts it.
 */
public final class KeeperMain {
    private KeeperMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: KeeperMain SOCKET IDLE_SECONDS");
            System.exit(Main.EXIT_INPUT);
        }
        Path socket = Path.of(args[0]);
        Duration idle = Duration.ofSeconds(Long.parseLong(args[1]));
        PrintStream out = System.out;
        try (ConnectionKeeper keeper = ConnectionKeeper.bind(socket, (endpoint, options) ->
                new SshNode(endpoint, options).connect())) {
            // stopped by a signal (`pkill -f dev.duet.cli.KeeperMain`, a logout): the connections are closed
            // and its own socket file removed as at an idle exit, not left for the next keeper to replace
            Runtime.getRuntime().addShutdownHook(new Thread(keeper::close, "keeper-stop"));
            out.println("ready");
            out.flush();
            out.close();
            keeper.serve(idle);
        }
        System.exit(0);
    }
}
