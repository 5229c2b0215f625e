package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The launcher's training run plans the repository's playbooks and gives the process back as it found it. */
class StartupTrainingTest {
    @Test
    void runsThePlaybooksAgainstNothingAndRestoresTheProcess() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;

        StartupTraining.main(new String[] {"."});

        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
        assertThat(System.getProperty("DUET_LOG_DIR")).isNull();
    }
}
