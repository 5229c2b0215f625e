package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code duet apply/plan} in-process against two real OpenSSH servers (Debian's sshd on 127.0.0.1 ports). */
class RealOpenSshCliTest {
    private static OpenSshPair pair;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pair = new OpenSshPair();
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    /** The first apply changes both tasks on each host, leaving no temp file; the second changes nothing. */
    private static void applyTwice(OpenSshPair pair, Path inv, Path pb) throws Exception {
        CliRun first = CliRun.of("apply", "-i", inv.toString(), pb.toString());

        assertThat(first.exit()).as(first.toString()).isZero();
        for (OpenSshServer s : pair.both()) {
            assertThat(first.recap(s.name(), "changed")).as(first.toString()).isEqualTo(2);
            Path conf = s.scratch().resolve("app.conf");
            assertThat(conf).hasContent("node=" + s.name());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");
            assertThat(s.scratch().resolve("initialised")).exists();
            assertThat(s.scratch()).isDirectoryNotContaining("glob:**/.duet-tmp-*");
        }

        CliRun second = CliRun.of("apply", "-i", inv.toString(), pb.toString());

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.recap("node1", "changed")).as(second.toString()).isZero();
        assertThat(second.recap("node2", "changed")).isZero();
    }

    @Test
    void hostsWithoutSftpGetTheirFilesOverExecChannelsAndConverge() throws Exception {
        try (OpenSshPair noSftp = new OpenSshPair(false)) {
            applyTwice(noSftp, noSftp.inventory(dir), OpenSshPair.playbook(dir));

            for (OpenSshServer s : noSftp.both()) {
                assertThat(s.log()).as("the server refused SFTP").contains("subsystem request for sftp");
            }
        }
    }

    @Test
    void applyChangesThenConvergesAndPlanTouchesNothing() throws Exception {
        Path inv = pair.inventory(dir);
        Path pb = OpenSshPair.playbook(dir);

        applyTwice(pair, inv, pb);

        Path conf2 = pair.node2.scratch().resolve("app.conf");
        FileTime conf1Time = Files.getLastModifiedTime(pair.node1.scratch().resolve("app.conf"));
        Files.writeString(conf2, "drifted\n");
        FileTime driftTime = Files.getLastModifiedTime(conf2);
        Files.delete(pair.node1.scratch().resolve("initialised"));

        CliRun plan = CliRun.of("plan", "-i", inv.toString(), pb.toString());

        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.recap("node1", "changed")).as(plan.toString()).isEqualTo(1);
        assertThat(plan.recap("node2", "changed")).isEqualTo(1);
        assertThat(plan.out()).contains("-drifted", "+node=node2", "would run `touch " + pair.node1.scratch());
        assertThat(conf2).hasContent("drifted");
        assertThat(Files.getLastModifiedTime(conf2)).isEqualTo(driftTime);
        assertThat(Files.getLastModifiedTime(pair.node1.scratch().resolve("app.conf"))).isEqualTo(conf1Time);
        assertThat(pair.node1.scratch().resolve("initialised")).doesNotExist();

        CliRun repair = CliRun.of("apply", "-i", inv.toString(), pb.toString());

        assertThat(repair.recap("node1", "changed")).as(repair.toString()).isEqualTo(1);
        assertThat(repair.recap("node2", "changed")).isEqualTo(1);
        assertThat(conf2).hasContent("node=node2");
    }
}
