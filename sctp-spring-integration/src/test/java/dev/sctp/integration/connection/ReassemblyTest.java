package dev.sctp.integration.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Messages read in parts are put together per stream: with fragment interleaving and I-DATA the kernel hands over
 * parts of messages of different streams in turn.
 */
class ReassemblyTest {

    private static byte[] part(String text) {
        return text.getBytes(UTF_8);
    }

    private static byte[] add(Reassembly reassembly, String text, int stream, boolean complete) {
        byte[] bytes = part(text);
        return reassembly.add(bytes, bytes.length, stream, complete);
    }

    @Test
    void interleavedPartsOfTwoStreamsMakeTwoIntactMessages() {
        Reassembly reassembly = new Reassembly(1024, Long.MAX_VALUE);
        assertThat(add(reassembly, "a1-", 1, false)).isNull();
        assertThat(add(reassembly, "b1-", 2, false)).isNull();
        assertThat(add(reassembly, "a2-", 1, false)).isNull();
        assertThat(reassembly.partialStreams()).isEqualTo(2);
        assertThat(new String(add(reassembly, "b2", 2, true), UTF_8)).isEqualTo("b1-b2");
        assertThat(new String(add(reassembly, "a3", 1, true), UTF_8)).isEqualTo("a1-a2-a3");
        assertThat(reassembly.partialStreams()).isZero();
        assertThat(reassembly.interleavedParts()).as("b1, a2 and b2 came while the other stream's message was open")
                .isEqualTo(3);
    }

    @Test
    void aWholeMessageOnAnotherStreamPassesAPartialOneUntouched() {
        Reassembly reassembly = new Reassembly(1024, Long.MAX_VALUE);
        assertThat(add(reassembly, "long-", 3, false)).isNull();
        assertThat(new String(add(reassembly, "short", 4, true), UTF_8)).isEqualTo("short");
        assertThat(new String(add(reassembly, "message", 3, true), UTF_8)).isEqualTo("long-message");
    }

    @Test
    void aTooLargeMessageIsDiscardedOnItsStreamOnlyAndReportedOnce() {
        Reassembly reassembly = new Reassembly(8, Long.MAX_VALUE);
        assertThat(add(reassembly, "12345", 1, false)).isNull();
        assertThat(add(reassembly, "ok-", 2, false)).isNull();
        assertThat(add(reassembly, "67890", 1, false)).isNull();
        assertThat(reassembly.takeOverflow()).isEqualTo(10);
        assertThat(add(reassembly, "more", 1, false)).isNull();
        assertThat(reassembly.takeOverflow()).as("reported once").isZero();
        assertThat(add(reassembly, "end", 1, true)).as("discarded").isNull();
        assertThat(new String(add(reassembly, "fine", 2, true), UTF_8)).isEqualTo("ok-fine");
        assertThat(new String(add(reassembly, "next", 1, true), UTF_8)).as("the stream recovers").isEqualTo("next");
    }

    @Test
    void aWholeMessageOverTheLimitIsReported() {
        Reassembly reassembly = new Reassembly(3, Long.MAX_VALUE);
        assertThat(add(reassembly, "four", 0, true)).isNull();
        assertThat(reassembly.takeOverflow()).isEqualTo(4);
    }

    @Test
    void partsKeptOnManyStreamsAreCountedTogetherAndDroppedWhenTheyWouldPassTheAssociationLimit() {
        // each message stays within the per-message limit of 8; together they may hold 12 bytes
        Reassembly reassembly = new Reassembly(8, 12);
        assertThat(add(reassembly, "1234", 1, false)).isNull();
        assertThat(add(reassembly, "abcd", 2, false)).isNull();
        assertThat(reassembly.partialBytes()).isEqualTo(8);
        assertThat(new String(add(reassembly, "ef", 2, true), UTF_8)).isEqualTo("abcdef");
        assertThat(reassembly.partialBytes()).as("a finished message no longer counts").isEqualTo(4);
        assertThat(add(reassembly, "wxyz", 3, false)).isNull();
        assertThat(add(reassembly, "5678", 1, false)).isNull();
        assertThat(reassembly.partialBytes()).as("up to the limit").isEqualTo(12);
        assertThat(reassembly.takePartialOverflow()).isZero();

        assertThat(add(reassembly, "!", 4, false)).isNull();
        assertThat(reassembly.takePartialOverflow()).as("what the part would have made").isEqualTo(13);
        assertThat(reassembly.partialOverflowStreams()).as("streams 1, 3 and 4").isEqualTo(3);
        assertThat(reassembly.takePartialOverflow()).as("reported once").isZero();
        assertThat(reassembly.partialBytes()).as("everything kept is dropped").isZero();
        assertThat(reassembly.partialStreams()).isZero();
        assertThat(reassembly.takeOverflow()).as("no message was too large").isZero();
    }

    @Test
    void aWholeMessageInOneReadDoesNotCountAgainstTheAssociationLimit() {
        Reassembly reassembly = new Reassembly(8, 8);
        assertThat(add(reassembly, "1234567", 1, false)).isNull();
        assertThat(new String(add(reassembly, "whole", 2, true), UTF_8)).isEqualTo("whole");
        assertThat(reassembly.takePartialOverflow()).isZero();
        assertThat(reassembly.partialBytes()).isEqualTo(7);
    }

    @Test
    void aMessageDiscardedAsTooLargeNoLongerCountsAgainstTheAssociationLimit() {
        Reassembly reassembly = new Reassembly(8, 16);
        assertThat(add(reassembly, "123456", 1, false)).isNull();
        assertThat(add(reassembly, "789", 1, false)).isNull();
        assertThat(reassembly.takeOverflow()).isEqualTo(9);
        assertThat(reassembly.partialBytes()).isZero();
    }
}
