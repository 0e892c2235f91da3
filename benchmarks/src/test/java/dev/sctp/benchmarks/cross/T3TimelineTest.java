package dev.sctp.benchmarks.cross;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class T3TimelineTest {

    /** The lines around it in /proc/net/sctp/snmp of Linux 6.1, as the VM's kernel prints them. */
    private static final String SNMP = "SctpT2ShutdownExpireds          \t3\n"
            + "SctpT3RtxExpireds               \t1234\n"
            + "SctpT4RtoExpireds               \t0\n";

    @Test
    void theT3LineIsReadAndNotTheLinesBesideIt() {
        assertEquals(1234, T3Timeline.parse(SNMP.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aFileWithoutTheCounterIsAFailedRead() {
        assertEquals(-1, T3Timeline.parse("SctpT4RtoExpireds 7\nXSctpT3RtxExpireds 9\n"
                .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anExpiryIsPlacedBeforeOrAfterTheSendersLastCall() {
        long s = 1_000_000_000L;
        String d = T3Timeline.describe(List.of(s + 1_500_000_000L, s + 5_250_000_000L), s, s + 5_000_000_000L,
                s + 6_000_000_000L);
        assertTrue(d.startsWith("T3 at +1.50 s (sender still sending, done at +5.00 s)"), d);
        assertTrue(d.contains("T3 at +5.25 s (0.25 s after the sender's last send call), receiver done at +6.00 s"), d);
    }
}
