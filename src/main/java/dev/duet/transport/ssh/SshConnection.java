package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * The one SSH connection to a host: connect, verify its key, authenticate with a key file, and
 * reconnect when asked. Every failure becomes a {@link DuetException} naming the node and host:port.
 */
final class SshConnection implements AutoCloseable {
    private final SshEndpoint endpoint;
    private final SshOptions options;
    private SSHClient client;

    SshConnection(SshEndpoint endpoint, SshOptions options) {
        this.endpoint = endpoint;
        this.options = options;
    }

    /** The connected client, connecting first if there is none yet. */
    synchronized SSHClient client() {
        if (client == null) {
            client = connect();
        }
        return client;
    }

    /**
     * Replaces the connection {@code failed} with a new one, once per connection generation: when several
     * threads saw the same connection die (each per-host thread also reads its peer's node), the first
     * reconnects and the others get that new connection; replacing it again would cut the first one's
     * retry in flight.
     */
    synchronized SSHClient reconnect(SSHClient failed) {
        if (client != null && client != failed) {
            return client;
        }
        disconnectQuietly();
        client = connect();
        return client;
    }

    /**
     * Whether the open connection still answers: one {@code keepalive@openssh.com} request, whose reply
     * (success or the usual refusal) proves the peer's sshd is there. False when there is no connection,
     * the transport is closed, or no reply came within {@code within}. The wait wakes as the reply arrives
     * or the connection dies; the refusal, which SSHJ delivers as an error, counts as a reply and is not
     * logged as an error (see {@link KeepaliveRefusal}).
     */
    synchronized boolean answers(java.time.Duration within) {
        if (client == null || !client.isConnected() || !client.isAuthenticated()) {
            return false;
        }
        try {
            var reply = client.getConnection().sendGlobalRequest(KeepaliveRefusal.REQUEST, true, new byte[0]);
            return replied(reply, within) && client.isConnected();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Waits for {@code reply} until {@code within} has passed: true when it came, as success or as the
     * refusal; false when it did not come in time, or the wait woke to the connection's death (SSHJ alerts
     * every pending reply with it) or to an interrupt (SSHJ leaves the thread's interrupt flag set).
     */
    private static boolean replied(Promise<SSHPacket, ConnectionException> reply, java.time.Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            // tryRetrieve returns null at its timeout, or early if its wait wakes spuriously
            for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                if (reply.tryRetrieve(left, TimeUnit.NANOSECONDS) != null) {
                    return true;
                }
            }
            return false;
        } catch (ConnectionException e) {
            return KeepaliveRefusal.is(e);
        }
    }

    private SSHClient connect() {
        KnownHostsVerifier verifier = new KnownHostsVerifier(endpoint.node(), options.knownHosts(),
                options.acceptNewHostKeys());
        SSHClient ssh = new SSHClient(SshAlgorithms.modernConfig());
        ssh.setSocketFactory(NoDelaySockets.INSTANCE);
        ssh.addHostKeyVerifier(verifier);
        ssh.setConnectTimeout(millis(options.connectTimeout()));
        ssh.getTransport().setTimeoutMs(millis(options.connectTimeout()));
        ssh.getConnection().getKeepAlive().setKeepAliveInterval(
                (int) Math.max(0, options.keepaliveInterval().toSeconds()));
        HandshakeDeadline deadline = new HandshakeDeadline(ssh, options.connectTimeout());
        try (deadline) {
            try {
                ssh.connect(endpoint.address(), endpoint.port());
            } catch (IOException e) {
                closeQuietly(ssh);
                if (deadline.expired()) {
                    throw new DuetException(Reason.UNREACHABLE, endpoint.node() + ": cannot connect to "
                            + endpoint.hostPort() + " (no SSH handshake within " + options.connectTimeout().toSeconds()
                            + " s: the port accepted the connection but the server did not answer)", e);
                }
                throw connectFailure(e, verifier);
            }
        }
        if (deadline.expired() || !ssh.isConnected()) {
            // the deadline fired as the handshake finished: it closed the socket under a client that
            // believes it connected (SSHJ would then throw IllegalStateException "Not connected")
            closeQuietly(ssh);
            throw new DuetException(Reason.UNREACHABLE, endpoint.node() + ": cannot connect to "
                    + endpoint.hostPort() + " (the SSH handshake did not finish within "
                    + options.connectTimeout().toSeconds() + " s)");
        }
        authenticate(ssh);
        return ssh;
    }

    private DuetException connectFailure(IOException e, KnownHostsVerifier verifier) {
        if (verifier.rejection() != null) {
            return verifier.rejection();
        }
        if (e instanceof TransportException te && te.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
            return new DuetException(Reason.HOST_KEY, endpoint.node() + ": host key of " + endpoint.hostPort()
                    + " could not be verified against " + options.knownHosts(), e);
        }
        String why = e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof SocketTimeoutException || e instanceof UnknownHostException
                ? e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage()
                : e.toString();
        return new DuetException(Reason.UNREACHABLE, endpoint.node() + ": cannot connect to " + endpoint.hostPort()
                + " (" + why + ")", e);
    }

    private void authenticate(SSHClient ssh) {
        List<Path> keyFiles = identityFiles();
        try {
            List<KeyProvider> keys = new ArrayList<>();
            for (Path file : keyFiles) {
                keys.add(ssh.loadKeys(file.toString()));
            }
            ssh.authPublickey(endpoint.user(), keys);
        } catch (UserAuthException e) {
            closeQuietly(ssh);
            throw new DuetException(Reason.AUTH, endpoint.node() + ": authentication as " + endpoint.user() + " at "
                    + endpoint.hostPort() + " with key " + keyFiles + " was refused", e);
        } catch (IllegalStateException notConnected) {
            // SSHJ's "Not connected": the transport died between the handshake and authentication
            closeQuietly(ssh);
            throw new DuetException(Reason.UNREACHABLE, endpoint.node() + ": connection to " + endpoint.hostPort()
                    + " dropped before authentication: " + notConnected.getMessage(), notConnected);
        } catch (IOException e) {
            closeQuietly(ssh);
            if (ssh.isConnected() || !(e instanceof TransportException)) {
                throw new DuetException(Reason.AUTH, endpoint.node() + ": cannot use key " + keyFiles + " for "
                        + endpoint.user() + "@" + endpoint.hostPort() + ": " + e.getMessage(), e);
            }
            throw new DuetException(Reason.UNREACHABLE, endpoint.node() + ": connection to " + endpoint.hostPort()
                    + " dropped during authentication: " + e.getMessage(), e);
        }
    }

    private List<Path> identityFiles() {
        if (options.identityFile() != null) {
            if (!Files.isReadable(options.identityFile())) {
                throw new DuetException(Reason.AUTH, endpoint.node() + ": identity file " + options.identityFile()
                        + " does not exist or is not readable");
            }
            return List.of(options.identityFile());
        }
        List<Path> found = new ArrayList<>();
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            Path p = SshOptions.userSshDir().resolve(name);
            if (Files.isReadable(p)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            throw new DuetException(Reason.AUTH, endpoint.node() + ": no identity file: set"
                    + " ansible_ssh_private_key_file or create ~/.ssh/id_ed25519");
        }
        return found;
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    SshEndpoint endpoint() {
        return endpoint;
    }

    private void disconnectQuietly() {
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
    }

    private static void closeQuietly(SSHClient ssh) {
        try {
            ssh.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // already gone; nothing left to release
        }
    }

    @Override
    public synchronized void close() {
        disconnectQuietly();
    }
}
