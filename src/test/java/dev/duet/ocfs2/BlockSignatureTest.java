package dev.duet.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** blkid's exit 2 means blank only when the device was proven readable and blkid said nothing. */
class BlockSignatureTest {
    private static BlockSignature parse(int exit, String out, String err) {
        return BlockSignature.parse(ScriptedNode.result(BlockSignature.command("/dev/vdb"), exit, out, err));
    }

    @Test
    void exit2IsBlankOnlyWhenBlkidSaidNothing() {
        assertThat(parse(2, "", "").kind()).isEqualTo(BlockSignature.Kind.BLANK);
        assertThat(parse(2, "", "blkid: error: /dev/vdb: Permission denied").kind())
                .isEqualTo(BlockSignature.Kind.UNREADABLE);
        assertThat(parse(2, "", "blkid: error: /dev/drbd0: Wrong medium type").kind())
                .isEqualTo(BlockSignature.Kind.UNREADABLE);
        assertThat(parse(2, "", "blkid: error: /dev/vdb: No such file or directory").kind())
                .isEqualTo(BlockSignature.Kind.ABSENT);
    }

    @Test
    void theScriptsOwnRefusalsAndSudoErrorsAreNeverBlank() {
        assertThat(parse(64, "", "/dev/vdb: No such block device").kind()).isEqualTo(BlockSignature.Kind.ABSENT);
        BlockSignature unreadable = parse(65, "", "/dev/vdb: not readable by duet");
        assertThat(unreadable.kind()).isEqualTo(BlockSignature.Kind.UNREADABLE);
        assertThat(unreadable.detail()).contains("not readable");
        assertThat(parse(1, "", "sudo: a password is required").kind()).isEqualTo(BlockSignature.Kind.UNREADABLE);
        assertThat(parse(124, "", "").kind()).isEqualTo(BlockSignature.Kind.UNREADABLE);
    }

    @Test
    void signaturesAreFoundWithTheirFields() {
        BlockSignature ext4 = parse(0, "DEVNAME=/dev/vdb\nUUID=1234\nTYPE=ext4\nUSAGE=filesystem\n", "");
        assertThat(ext4.is("ext4")).isTrue();
        assertThat(ext4.fields()).containsEntry("TYPE", "ext4").containsEntry("UUID", "1234");
        assertThat(parse(8, "", "").kind()).isEqualTo(BlockSignature.Kind.FOUND);
        assertThat(parse(2, "", "").fields()).isEmpty();
    }

    @Test
    void theProbeIsOneReadOnlyCommandThatChecksTheDeviceFirst() throws Exception {
        Command c = BlockSignature.command("/dev/vdb");
        assertThat(c.readOnly()).isTrue();
        assertThat(c.argv()).startsWith("sh", "-c").endsWith("/dev/vdb");
        assertThat(c.argv().get(2)).contains("test -b \"$1\"", "test -r \"$1\"", "blkid -p -o export \"$1\"");
        // The script itself, run by a local sh: a character device and a missing path are not block devices.
        assertThat(runLocally("/dev/null")).isEqualTo(64);
        assertThat(runLocally("/nonexistent-device-for-duet-test")).isEqualTo(64);
    }

    private static int runLocally(String device) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BlockSignature.command(device).argv()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertThat(out).contains(device + ": No such block device");
        return rc;
    }
}
