package dev.duet.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.drbd.DrbdStatus;
import org.junit.jupiter.api.Test;

/** A text parsed again answers with the status it gave, by its text and format; failures are not kept. */
class StatusParserMemoryTest {
    private static final String PROC = " 0: cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r-----\n";

    @Test
    void theSameTextParsedAgainGivesTheSameStatus() {
        DrbdStatus first = StatusParser.parse(PROC);
        // a new String with the same characters: remembered by content, not by identity
        DrbdStatus again = StatusParser.parse(new String(PROC.toCharArray()));
        assertThat(again).isSameAs(first);
        assertThat(StatusParser.parse(PROC, Format.PROC_DRBD)).isSameAs(StatusParser.parse(PROC, Format.PROC_DRBD))
                .isEqualTo(first);
    }

    @Test
    void anotherTextIsParsedAfresh() {
        DrbdStatus connected = StatusParser.parse(PROC);
        DrbdStatus standAlone = StatusParser.parse(PROC.replace("cs:Connected", "cs:StandAlone"));
        assertThat(standAlone.devices().get(0).peer().orElseThrow().connection()).isEqualTo("StandAlone");
        assertThat(connected.devices().get(0).peer().orElseThrow().connection()).isEqualTo("Connected");
    }

    @Test
    void aTextParsedAsAnotherFormatIsNotAnsweredFromTheFirst() {
        String text = "";
        assertThat(StatusParser.parse(text, Format.PROC_DRBD).format()).isEqualTo("proc_drbd");
        assertThat(StatusParser.parse(text, Format.DRBDADM_STATUS).format()).isEqualTo("drbdadm_status");
    }

    @Test
    void aTextThatDoesNotParseFailsEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> StatusParser.parse("nothing DRBD about this\n"))
                    .isInstanceOf(StatusParseException.class);
        }
    }

    @Test
    void theMemoryIsBounded() {
        DrbdStatus first = StatusParser.parse(PROC.replace("r-----", "r----- "));
        for (int i = 0; i <= StatusParser.REMEMBERED; i++) {
            StatusParser.parse(" " + i + ": cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r-----\n");
        }
        assertThat(StatusParser.parse(PROC.replace("r-----", "r----- "))).isNotSameAs(first).isEqualTo(first);
    }
}
