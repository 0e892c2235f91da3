package dev.sctp.integration.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the peer's reason out of the ABORT causes that COMM_LOST carries, from bytes a peer controls. */
class AbortCausesTest {

    @Test
    void findsTheUserInitiatedAbortAfterOtherCausesAndPadding() {
        byte[] causes = {
            0, 1, 0, 8, 0, 5, 0, 0, // Invalid Stream Identifier, 8 bytes
            0, 13, 0, 5, 9, 0, 0, 0, // Protocol Violation, 5 bytes and 3 of padding
            0, 12, 0, 7, 'b', 'y', 'e', 0 // User-Initiated Abort "bye", padded
        };
        assertThat(new String(AbortCauses.userAbortReason(causes), UTF_8)).isEqualTo("bye");
    }

    @Test
    void returnsNothingForTruncatedOrLyingLengths() {
        assertThat(AbortCauses.userAbortReason(new byte[0])).isNull();
        assertThat(AbortCauses.userAbortReason(new byte[] {0, 12, 0})).isNull();
        assertThat(AbortCauses.userAbortReason(new byte[] {0, 12, 0, 40, 'x'})).as("length beyond the bytes").isNull();
        assertThat(AbortCauses.userAbortReason(new byte[] {0, 12, 0, 2, 'x', 'y'})).as("length under 4").isNull();
        assertThat(AbortCauses.userAbortReason(new byte[] {0, 12, 0, 4})).isEmpty();
    }
}
