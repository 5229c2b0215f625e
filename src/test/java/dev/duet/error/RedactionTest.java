package dev.duet.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    /** What drbdadm printed when drbdsetup could not bind the replication address (DRBD 8.4). */
    static String connectFailure(String secret) {
        return "r0: Failure: (102) Local address(port) already in use.\n"
                + "Command 'drbdsetup-84 connect r0 ipv4:10.99.0.9:7789 ipv4:10.99.0.2:7789 --protocol=C"
                + " --shared-secret=" + secret + " --cram-hmac-alg=sha1' terminated with exit code 10\n";
    }

    @Test
    void aRegisteredSecretIsMaskedWherever() {
        Redaction.register("Kx9-unit-test-secret");
        assertThat(Redaction.redact("the secret is Kx9-unit-test-secret, twice: Kx9-unit-test-secret"))
                .isEqualTo("the secret is <secret not shown>, twice: <secret not shown>");
    }

    @Test
    void secretsDuetNeverReadAreMaskedByTheirShape() {
        String out = Redaction.redact(connectFailure("an-old-secret-from-the-host"));
        assertThat(out).doesNotContain("an-old-secret").contains("--shared-secret=<secret not shown> --cram-hmac-alg=sha1");
        assertThat(Redaction.redact("        shared-secret \"abc\";\n-  shared-secret xyz;"))
                .isEqualTo("        shared-secret \"<secret not shown>\";\n-  shared-secret \"<secret not shown>\";");
        assertThat(Redaction.redact("drbdsetup net-options r0 --shared-secret 'q w'"))
                .isEqualTo("drbdsetup net-options r0 --shared-secret <secret not shown>");
    }

    @Test
    void redactingTwiceChangesNothing() {
        String once = Redaction.redact(connectFailure("zz-twice-secret") + "shared-secret \"zz\";");
        assertThat(Redaction.redact(once)).isEqualTo(once);
    }

    @Test
    void shortValuesAreNotMaskedEverywhereButStillInTheirShapes() {
        Redaction.register("ab");
        assertThat(Redaction.redact("table abc")).isEqualTo("table abc");
        assertThat(Redaction.redact("--shared-secret=ab")).isEqualTo("--shared-secret=<secret not shown>");
    }
}
