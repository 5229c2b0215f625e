package dev.duet.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds {@code /tmp/duet-lab.lock} for a whole lab test class: the two VMs are shared, and whoever runs
 * anything against them holds this lock. It is taken with {@code flock(1)} (a Java FileChannel lock is an
 * fcntl lock, which does not exclude flock holders on Linux): a child {@code flock} holds it until its
 * stdin closes, so the lock also goes away if the JVM dies.
 */
public final class LabLock implements BeforeAllCallback, AfterAllCallback {
    static final String LOCK_FILE = "/tmp/duet-lab.lock";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabLock.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        System.out.println("[lab] waiting for " + LOCK_FILE);
        Process holder = new ProcessBuilder("flock", LOCK_FILE, "sh", "-c", "echo locked; exec cat >/dev/null")
                .redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            holder.destroy();
            throw new IllegalStateException("could not take " + LOCK_FILE + ": " + line);
        }
        System.out.println("[lab] holding " + LOCK_FILE);
        context.getStore(NS).put("holder", holder);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
        Process holder = context.getStore(NS).remove("holder", Process.class);
        if (holder != null) {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroy();
            }
            System.out.println("[lab] released " + LOCK_FILE);
        }
    }
}
