package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reader's array: small while messages fit, the read buffer size only while a message is in parts. */
class ReadBufferTest {

    private static final int READ_BUFFER_SIZE = 64 * 1024;

    @Test
    void readsSmallMessagesIntoTheSameSmallArrayWithoutAllocating() {
        ReadBuffer buffer = new ReadBuffer(READ_BUFFER_SIZE);
        byte[] first = buffer.array();
        assertThat(first).hasSize(ReadBuffer.SMALL);
        for (int i = 0; i < 100; i++) {
            buffer.afterPart(1024, false);
            assertThat(buffer.array()).isSameAs(first);
        }
        // a message exactly as long as the array arrives complete: nothing pending, no growth
        buffer.afterPart(ReadBuffer.SMALL, false);
        assertThat(buffer.array()).isSameAs(first);
    }

    @Test
    void growsToTheReadBufferSizeWhileAMessageIsInPartsAndReturnsToTheSmallArrayOnceItIsWhole() {
        ReadBuffer buffer = new ReadBuffer(READ_BUFFER_SIZE);
        byte[] small = buffer.array();
        buffer.afterPart(ReadBuffer.SMALL, true); // the part filled the array and its message goes on
        assertThat(buffer.length()).isEqualTo(READ_BUFFER_SIZE);
        byte[] large = buffer.array();
        buffer.afterPart(READ_BUFFER_SIZE, true);
        assertThat(buffer.array()).as("kept while the message is in parts").isSameAs(large);
        buffer.afterPart(100, true); // another stream's part ended short, a message is still in parts
        assertThat(buffer.array()).isSameAs(large);
        buffer.afterPart(100, false);
        assertThat(buffer.array()).as("after the last part").isSameAs(small);
    }

    @Test
    void aLongMessageAfterAnotherReusesTheLargeArrayOfTheFirst() {
        ReadBuffer buffer = new ReadBuffer(READ_BUFFER_SIZE + 1); // a size no other test uses: its own spare
        buffer.afterPart(ReadBuffer.SMALL, true);
        byte[] large = buffer.array();
        buffer.afterPart(10, false);
        buffer.afterPart(ReadBuffer.SMALL, true);
        assertThat(buffer.array()).as("the large array of the message before").isSameAs(large);
    }

    @Test
    void aPartThatEndsShortOfTheArrayDoesNotGrowIt() {
        ReadBuffer buffer = new ReadBuffer(READ_BUFFER_SIZE);
        // partial delivery or interleaving: the kernel's part ended, the array had room
        buffer.afterPart(ReadBuffer.SMALL - 1, true);
        assertThat(buffer.length()).isEqualTo(ReadBuffer.SMALL);
    }

    @Test
    void aReadBufferSizeBelowTheSmallSizeIsUsedAsIsAndNeverGrown() {
        ReadBuffer buffer = new ReadBuffer(256);
        assertThat(buffer.length()).isEqualTo(256);
        buffer.afterPart(256, true);
        assertThat(buffer.length()).isEqualTo(256);
    }
}
