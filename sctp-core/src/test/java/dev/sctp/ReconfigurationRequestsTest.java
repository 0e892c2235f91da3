package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The SCTP_ENABLE_STREAM_RESET bits of {@link ReconfigurationRequests}; the header values are LayoutTest's. */
class ReconfigurationRequestsTest {

    @Test
    void eachRequestKindIsItsOwnBitAndEveryCombinationRoundTrips() {
        assertThat(new ReconfigurationRequests(true, false, false).flags()).isEqualTo(0x01);
        assertThat(new ReconfigurationRequests(false, true, false).flags()).isEqualTo(0x02);
        assertThat(new ReconfigurationRequests(false, false, true).flags()).isEqualTo(0x04);
        assertThat(ReconfigurationRequests.NONE.flags()).isZero();
        assertThat(ReconfigurationRequests.ALL.flags()).isEqualTo(0x07);
        for (int flags = 0; flags <= 7; flags++) {
            assertThat(ReconfigurationRequests.ofFlags(flags).flags()).isEqualTo(flags);
        }
    }

    @Test
    void flagsOutsideTheMaskAreRefusedNamingTheBits() {
        assertThatThrownBy(() -> ReconfigurationRequests.ofFlags(0x08))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x8")
                .hasMessageContaining("outside 0x07");
    }
}
