package dev.duet.transport.keep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeeperDirTest {
    @TempDir
    Path tmp;

    private KeeperDir prepared(String buildId) {
        StringBuilder why = new StringBuilder();
        return KeeperDir.prepare(tmp.resolve("keeper"), buildId, why).orElseThrow(() -> new AssertionError(why));
    }

    @Test
    void everyBuildHasItsOwnSocketButTheyShareOneLockFile() {
        KeeperDir one = prepared("0123456789abcdef");
        KeeperDir other = prepared("fedcba9876543210");

        assertThat(one.socket()).isNotEqualTo(other.socket());
        assertThat(one.lockFile()).isEqualTo(other.lockFile()).isEqualTo(tmp.resolve("keeper/keeper.lock"));
    }
}
