package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serial}: the whole play runs to its end on one batch before the next; a batch where every host
 * failed ends the play; a batch that would split a pair is refused where serial is written; on an
 * inventory of many pairs, {@code serial: 2} rolls one pair at a time.
 */
class SerialOverSshTest {
    @TempDir
    Path dir;
    private final List<FakeSshHost> hosts = new ArrayList<>();
    private FakePair pair;

    @AfterEach
    void stop() {
        hosts.forEach(FakeSshHost::close);
        if (pair != null) {
            pair.close();
        }
    }

    private static final String TWO_TASKS = """
            - name: Rolling
              hosts: pair
              gather_facts: false
              serial: %s
              tasks:
                - name: First
                  command:
                    cmd: touch /var/lib/duet/first
                    creates: /var/lib/duet/first
                - name: Second
                  command:
                    cmd: touch /var/lib/duet/second
                    creates: /var/lib/duet/second
              handlers: []
            """;

    private CliRun applyPair(String serial) throws Exception {
        pair = new FakePair();
        Path file = Files.writeString(dir.resolve("site.yml"), TWO_TASKS.formatted(serial));
        return CliRun.of("apply", "-i", pair.inventory(dir).toString(), file.toString());
    }

    /** The human output up to the recap. */
    private static String beforeRecap(CliRun run) {
        int recap = run.out().indexOf("PLAY RECAP");
        return recap < 0 ? run.out() : run.out().substring(0, recap);
    }

    @Test
    void eachBatchRunsThePlayToItsEndBeforeTheNextStarts() throws Exception {
        CliRun run = applyPair("1");

        assertThat(run.exit()).as(run.toString()).isZero();
        String out = beforeRecap(run);
        int secondPlay = out.indexOf("PLAY [Rolling]", out.indexOf("PLAY [Rolling]") + 1);
        assertThat(secondPlay).as(out).isPositive();
        assertThat(out.substring(0, secondPlay)).contains("[node1]", "TASK [Second]").doesNotContain("[node2]");
        assertThat(out.substring(secondPlay)).contains("[node2]", "TASK [Second]").doesNotContain("[node1]");
        assertThat(run.out()).contains("node1", "node2");
        assertThat(run.recap("node1", "changed")).isEqualTo(2);
        assertThat(run.recap("node2", "changed")).isEqualTo(2);
    }

    @Test
    void aBatchWhereEveryHostFailedEndsThePlay() throws Exception {
        pair = new FakePair();
        pair.node1.on("touch /var/lib/duet/first", r -> FakeReply.fail(1, "touch: read-only file system\n"));
        Path file = Files.writeString(dir.resolve("site.yml"), TWO_TASKS.formatted("1"));
        CliRun run = CliRun.of("apply", "-i", pair.inventory(dir).toString(), file.toString());

        assertThat(run.exit()).as(run.toString()).isNotZero();
        assertThat(run.recap("node1", "failed")).isEqualTo(1);
        assertThat(pair.node2.commands()).as("node2's batch never started").noneMatch(c -> c.contains("/var/lib/duet"));
    }

    @Test
    void aBatchWithOneFailedHostOfTwoGoesOn() throws Exception {
        pair = new FakePair();
        pair.node1.on("touch /var/lib/duet/first", r -> FakeReply.fail(1, "touch: read-only file system\n"));
        Path file = Files.writeString(dir.resolve("site.yml"), TWO_TASKS.formatted("[2]"));
        CliRun run = CliRun.of("apply", "-i", pair.inventory(dir).toString(), file.toString());

        assertThat(run.recap("node1", "failed")).as(run.toString()).isEqualTo(1);
        assertThat(run.recap("node2", "changed")).isEqualTo(2);
    }

    @Test
    void aBatchThatSplitsThePairOfAPairModuleIsRefusedAtSerial() throws Exception {
        Path inv = HealthyPair.manyPairs(1, hosts, dir);
        Path book = withSerial("1");
        CliRun run = CliRun.of("apply", "-i", inv.toString(), book.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("site.yml:15:3", "serial: 1 splits the pair [p1-1, p1-2]", "drbd_", "serial: 2");
        assertThat(hosts).allSatisfy(h -> assertThat(h.sessions()).as(h.name()).isZero());
    }

    @Test
    void onManyPairsSerialTwoRollsOnePairAtATime() throws Exception {
        Path inv = HealthyPair.manyPairs(3, hosts, dir);
        CliRun run = CliRun.of("apply", "-i", inv.toString(), withSerial("2").toString(), "--forks", "6");

        assertThat(run.exit()).as(run.toString()).isZero();
        String out = beforeRecap(run);
        assertThat(out.lastIndexOf("[pair_1]")).as(out).isLessThan(out.indexOf("[pair_2]"));
        assertThat(out.lastIndexOf("[pair_2]")).as(out).isLessThan(out.indexOf("[pair_3]"));
        for (FakeSshHost h : hosts) {
            assertThat(run.recap(h.name(), "failed")).as(h.name()).isZero();
        }
    }

    @Test
    void onManyPairsAWholeFailedWaveStopsTheWavesAfterIt() throws Exception {
        Path inv = HealthyPair.manyPairs(2, hosts, dir);
        hosts.subList(0, 2).forEach(h -> h.on("dpkg-query", r -> FakeReply.fail(2, "dpkg-query: broken\n")));
        CliRun run = CliRun.of("apply", "-i", inv.toString(), withSerial("2").toString());

        assertThat(run.exit()).as(run.toString()).isNotZero();
        assertThat(run.out()).doesNotContain("[pair_2]");
        assertThat(hosts.subList(2, 4)).allSatisfy(h -> assertThat(h.sessions()).as(h.name()).isZero());
    }

    @Test
    void onManyPairsABatchThatSplitsAPairIsRefusedNamingIt() throws Exception {
        Path inv = HealthyPair.manyPairs(3, hosts, dir);
        CliRun run = CliRun.of("apply", "-i", inv.toString(), withSerial("3").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("site.yml:15:3", "splits pair 'pair_2' [p2-1, p2-2]");
        assertThat(hosts).allSatisfy(h -> assertThat(h.sessions()).as(h.name()).isZero());
    }

    /** The lab playbook with {@code serial} after its hosts line (line 15). */
    private Path withSerial(String serial) throws Exception {
        String book = Files.readString(HealthyPair.PLAYBOOK)
                .replaceFirst("\n  hosts: drbd_pair\n", "\n  hosts: drbd_pair\n  serial: " + serial + "\n");
        return Files.writeString(dir.resolve("site.yml"), book);
    }
}
