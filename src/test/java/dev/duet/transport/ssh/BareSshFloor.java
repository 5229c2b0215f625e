package dev.duet.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/**
 * The SSH work of one host's no-op run with nothing of Duet around it (for {@code scripts/bench/pairs},
 * not a unit test): a connection with Duet's algorithms and socket options, public-key authentication,
 * the same command lines on session channels one after the other, and one SFTP session that reads
 * {@code /etc/passwd}, {@code /etc/group} and then {@code lstat}s and reads each probed file. Run for
 * every host at once, it measures the floor any client built on SSHJ pays on this fixture: what no
 * change to Duet's engine can take away. The host key is not checked against known_hosts (Duet's
 * check is a file read, not a cryptographic step; the key exchange still verifies the host's signature).
 */
public final class BareSshFloor {
    private final String address;
    private final int port;
    private final String user;
    private final String keyFile;

    public BareSshFloor(String address, int port, String user, String keyFile) {
        this.address = address;
        this.port = port;
        this.user = user;
        this.keyFile = keyFile;
    }

    /** Runs {@code lines} and probes {@code files}; returns the bytes read, so nothing is optimised away. */
    public long run(List<String> lines, List<String> files) throws IOException {
        long bytes = 0;
        try (SSHClient ssh = new SSHClient(SshAlgorithms.modernConfig())) {
            ssh.setSocketFactory(NoDelaySockets.INSTANCE);
            ssh.addHostKeyVerifier(new PromiscuousVerifier());
            ssh.connect(address, port);
            ssh.authPublickey(user, ssh.loadKeys(keyFile));
            for (String line : lines) {
                try (Session session = ssh.startSession()) {
                    Session.Command exec = session.exec(line);
                    exec.getOutputStream().close();
                    bytes += exec.getInputStream().readAllBytes().length;
                    bytes += exec.getErrorStream().readAllBytes().length;
                    exec.join(30, TimeUnit.SECONDS);
                }
            }
            try (SFTPClient sftp = ssh.newSFTPClient()) {
                bytes += read(sftp, "/etc/passwd") + read(sftp, "/etc/group");
                for (String file : files) {
                    sftp.lstat(file);
                    bytes += read(sftp, file);
                }
            }
        }
        return bytes;
    }

    private static long read(SFTPClient sftp, String path) throws IOException {
        try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.READ));
             InputStream in = file.new RemoteFileInputStream()) {
            return in.readAllBytes().length;
        }
    }

    /** Runs every floor at once, a thread each, as {@code --forks} as large as the host count does. */
    public static void runAll(List<BareSshFloor> floors, List<List<String>> lines, List<List<String>> files)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < floors.size(); i++) {
            int h = i;
            threads.add(new Thread(() -> {
                try {
                    floors.get(h).run(lines.get(h), files.get(h));
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " bare SSH runs failed, first: " + failures.get(0),
                    failures.get(0));
        }
    }
}
