package dev.duet.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import dev.duet.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusParserTest {
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "Connected,Connected,Established", "SyncSource,Connected,SyncSource", "PausedSyncT,Connected,PausedSyncT",
        "VerifyS,Connected,VerifyS", "StartingSyncT,Connected,StartingSyncT", "WFBitMapS,Connected,WFBitMapS",
        "WFSyncUUID,Connected,WFSyncUUID", "Ahead,Connected,Ahead", "Behind,Connected,Behind",
        "WFConnection,Connecting,null", "StandAlone,StandAlone,null", "WFReportParams,WFReportParams,null"})
    void eightXConnectionWordsMapOntoNinesSplit(String cs, String connection, String replication) {
        Peer p = StatusParser.parse(" 0: cs:" + cs + " ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n")
                .devices().get(0).peer().orElseThrow();
        assertThat(p.connection()).isEqualTo(connection);
        assertThat(p.replication()).isEqualTo(replication);
        assertThat(p.rawState()).isEqualTo(cs);
    }

    @Test
    void procDrbdDamageParsesWhatItCan() {
        String text = " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\u0000\u0000\u0000\n"
                + "    ns:288 nr:0 dw:0 dr:288 al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:261812\n"
                + "\t[>....................] sync'ed:  1.6% (261812/262100)K finish: 0:10:54 speed: 288 (288) K/sec\n"
                + "\n"
                + " 1: cs:Unconfigured\n"
                + "this line is noise\n";
        DrbdStatus s = StatusParser.parse(text);
        assertThat(s.format()).isEqualTo("proc_drbd");
        assertThat(s.version()).isNull();
        assertThat(s.devices()).hasSize(1);
        Device d = s.devices().get(0);
        assertThat(d.outOfSyncKiB()).isEqualTo(261812L);
        assertThat(d.sizeKiB()).as("(left/total)K is the resync total, not the size").isNull();
        assertThat(d.peer().orElseThrow()).isEqualTo(
                new Peer(null, "Connected", "SyncSource", "Secondary", "Inconsistent", 1.6, "SyncSource", 654L));
        assertThat(s.skipped()).containsExactly("line 6: this line is noise");
    }

    @Test
    void standAloneWithoutProtocolLetterAndStalledSync() {
        DrbdStatus s = StatusParser.parse("version: 8.3.11 (api:88/proto:86-96)\n"
                + " 0: cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown   r-----\n"
                + " 1: cs:PausedSyncT ro:Secondary/Primary ds:Inconsistent/UpToDate C r--u--\n"
                + "\t[>....] sync'ed:  2.0% (1000/1020)K\n\tstalled\n");
        assertThat(s.devices()).extracting(d -> d.peer().orElseThrow().connection())
                .containsExactly("StandAlone", "Connected");
        assertThat(s.devices().get(1).peer().orElseThrow().syncPercent()).isEqualTo(2.0);
        assertThat(s.skipped()).isEmpty();
    }

    @Test
    void verboseStatusGivesSizeAndOutOfSync() {
        Device d = StatusParser.parse("r0 role:Primary suspended:no\n"
                + "  volume:0 minor:0 disk:UpToDate\n      size:262100 read:0 written:0\n"
                + "  peer connection:Connected role:Secondary congested:no\n"
                + "    volume:0 replication:SyncSource peer-disk:Inconsistent done:10.00\n"
                + "        received:0 sent:0 out-of-sync:235890 pending:0 unacked:0\n").devices().get(0);
        assertThat(d.sizeKiB()).isEqualTo(262100L);
        assertThat(d.outOfSyncKiB()).isEqualTo(235890L);
        assertThat(d.peer().orElseThrow().syncPercent()).isEqualTo(10.0);
    }

    @Test
    void jsonToleratesTheNanOfOldDrbdUtils() {
        DrbdStatus s = StatusParser.parse("[{\"name\":\"r0\",\"role\":\"Primary\",\"devices\":[{\"volume\":0,"
                + "\"minor\":0,\"disk-state\":\"UpToDate\"}],\"connections\":[{\"peer-node-id\":1,\"name\":\"b\","
                + "\"connection-state\":\"Connected\",\"peer-role\":\"Secondary\",\"peer_devices\":[{\"volume\":0,"
                + "\"replication-state\":\"SyncSource\",\"peer-disk-state\":\"Inconsistent\","
                + "\"percent-in-sync\": nan, \"estimated-seconds-to-finish\": nan}]}]}]");
        assertThat(s.format()).isEqualTo("status_json");
        assertThat(s.devices().get(0).peer().orElseThrow())
                .isEqualTo(new Peer("b", "Connected", "SyncSource", "Secondary", "Inconsistent", null, null));
    }

    @Test
    void inputOfNoFormatIsOneLineInputError() {
        assertThatThrownBy(() -> StatusParser.parse("hello\nworld\n"))
                .isInstanceOf(StatusParseException.class).isInstanceOf(InputException.class)
                .hasMessageStartingWith("unrecognised DRBD status: expected the output of cat /proc/drbd")
                .hasMessageEndingWith("got `hello`");
        assertThatThrownBy(() -> StatusParser.parse("")).isInstanceOf(StatusParseException.class)
                .hasMessageStartingWith("empty input");
    }
}
