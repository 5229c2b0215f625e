package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ansible's batches ({@code _get_serialized_batches} with {@code pct_to_int}): sizes in order, the last repeats. */
class SerialTest {
    private static final List<Integer> SIX = List.of(1, 2, 3, 4, 5, 6);

    private static List<List<Integer>> batches(String... sizes) {
        return new Serial(List.of(sizes), null).batches(SIX);
    }

    @Test
    void aCountTakesThatManyHostsAtATime() {
        assertThat(batches("2")).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5, 6));
        assertThat(batches("4")).containsExactly(List.of(1, 2, 3, 4), List.of(5, 6));
    }

    @Test
    void aPercentageIsOfEveryHostRoundedDownAndAtLeastOne() {
        assertThat(batches("50%")).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6));
        assertThat(batches("10%")).hasSize(6);
    }

    @Test
    void aListGivesEachBatchItsSizeAndTheLastRepeats() {
        assertThat(batches("1", "2")).containsExactly(List.of(1), List.of(2, 3), List.of(4, 5), List.of(6));
        assertThat(batches("1", "100%")).containsExactly(List.of(1), List.of(2, 3, 4, 5, 6));
    }

    @Test
    void zeroTakesEveryHostLeft() {
        assertThat(batches("0")).containsExactly(SIX);
        assertThat(batches("2", "0")).containsExactly(List.of(1, 2), List.of(3, 4, 5, 6));
    }
}
