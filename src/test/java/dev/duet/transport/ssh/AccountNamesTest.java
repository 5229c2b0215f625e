package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AccountNamesTest {
    private static AccountNames of(String passwd, String group) {
        return AccountNames.parse(passwd.getBytes(StandardCharsets.UTF_8), group.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstLineWithAnIdNamesIt() {
        AccountNames names = of("root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/:/bin/sh\nhacluster:x:106:113::/:/bin/false\n",
                "root:x:0:\nhaclient:x:113:\nwheel:x:0:\n");

        assertThat(names.owner(0, 0)).hasValue("root:root");
        assertThat(names.owner(106, 113)).hasValue("hacluster:haclient");
    }

    @Test
    void anUnlistedIdHasNoName() {
        AccountNames names = of("root:x:0:0::/:/bin/sh\n", "root:x:0:\n");

        assertThat(names.owner(1000, 0)).isEmpty();
        assertThat(names.owner(0, 1000)).isEmpty();
    }

    @Test
    void commentsNisLinesAndJunkAreSkipped() {
        AccountNames names = of("# comment\n\n+::::::\n-nis:::::\nbad:x:notanumber:0::/:\nshort:x\nok:x:7:7::/:\n",
                "+:::\nok:x:7:\n");

        assertThat(names.owner(7, 7)).hasValue("ok:ok");
    }
}
