package dev.sctp.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** KernelSetting puts back the whole previous value, also one of several digits. */
@RequiresSctp
class KernelSettingTest {

    private static final String RTO_MIN = "net/sctp/rto_min";

    @Test
    void closeRestoresAMultiDigitValue() throws Exception {
        String before = read();
        assertThat(before).hasSizeGreaterThan(1); // 1000 by default: the case a one-byte read got wrong
        String other = before.equals("500") ? "600" : "500";
        KernelSetting setting = KernelSetting.set(RTO_MIN, other);
        try {
            assertThat(read()).isEqualTo(other);
        } finally {
            setting.close();
        }
        assertThat(read()).isEqualTo(before);
    }

    private static String read() throws Exception {
        return Files.readAllLines(Path.of("/proc/sys", RTO_MIN)).get(0).trim();
    }
}
