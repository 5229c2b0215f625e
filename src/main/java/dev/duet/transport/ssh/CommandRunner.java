package dev.duet.transport.ssh;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import net.schmizz.sshj.SSHClient;

/** Runs a command on a given connection (logged, become applied), without reconnecting. */
@FunctionalInterface
interface CommandRunner {
    CommandResult run(SSHClient ssh, Command command);
}
