package dev.sctp.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.SctpException;
import dev.sctp.test.ThreadStates;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sizes, caps and locking of the message paths that need no association. */
class HotPathUnitTest {

    @Test
    void stagingSizeCoversTheLengthAtEveryPowerOfTwoBoundaryWithoutOverflowing() {
        int[] lengths = {0, 1, 65536, 65537, (1 << 29) + 1, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE - 8,
            Integer.MAX_VALUE};
        for (int length : lengths) {
            int size = MessagePath.stagingSize(length);
            assertThat(size).as("staging for %d bytes", length).isGreaterThanOrEqualTo(Math.max(length, 65536));
        }
        assertThat(MessagePath.stagingSize(65537)).isEqualTo(131072);
        assertThat(MessagePath.stagingSize(1 << 30)).isEqualTo(1 << 30);
    }

    @Test
    void aHeapReceiveOfAnyLengthReadsAtMostTheCapSoStagingStaysBounded() {
        assertThat(MessagePath.heapReadLength(Integer.MAX_VALUE)).isEqualTo(MessagePath.MAX_HEAP_READ);
        assertThat(MessagePath.heapReadLength(1 << 30)).isEqualTo(MessagePath.MAX_HEAP_READ);
        assertThat(MessagePath.heapReadLength(100)).isEqualTo(100);
        assertThat(MessagePath.stagingSize(MessagePath.heapReadLength(Integer.MAX_VALUE)))
                .isEqualTo(MessagePath.MAX_HEAP_READ);
    }

    @Test
    void directAddressIsTheAddressOfTheBuffersPositionAlsoForSlices() {
        ByteBuffer direct = ByteBuffer.allocateDirect(256);
        long base = MessagePath.directAddress(direct);
        direct.position(40);
        assertThat(MessagePath.directAddress(direct)).isEqualTo(base + 40);
        ByteBuffer slice = direct.slice();
        slice.position(8);
        assertThat(MessagePath.directAddress(slice)).isEqualTo(base + 48);
        // and it is that memory: a byte written natively through the address shows in the buffer
        try (NativeBuffer one = new NativeBuffer(1)) {
            one.buffer().put(0, (byte) 0x5a);
            LibC.memmove(slice, one.address(), 1);
            assertThat(direct.get(48)).isEqualTo((byte) 0x5a);
        }
    }

    @Test
    void aNotificationOverTheCapIsDroppedAndTheNextOneIsReceivedIntact() throws Exception {
        try (ReceivePath path = new ReceivePath()) {
            ByteBuffer piece = ByteBuffer.allocate(1 << 20).order(ByteOrder.nativeOrder());
            for (int i = 0; i <= ReceivePath.MAX_NOTIFICATION / piece.capacity(); i++) {
                path.appendNotification(piece, 0, piece.capacity());
            }
            assertThatThrownBy(path::takeNotification).isInstanceOf(SctpException.class)
                    .hasMessageContaining(String.valueOf(ReceivePath.MAX_NOTIFICATION));
            ByteBuffer small = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            small.putShort(0, (short) 0x8001);
            path.appendNotification(small, 0, 16);
            ByteBuffer whole = path.takeNotification();
            assertThat(whole.capacity()).isEqualTo(16);
            assertThat(whole.getShort(0)).isEqualTo((short) 0x8001);
        }
    }

    @Test
    void releasingAPollerLoopWaitsForAnEpollCtlInProgressAndLaterCtlsFailWithEbadf() throws Exception {
        EpollPoller poller = new EpollPoller(1, false);
        EpollPoller.Loop loop = poller.loop(0);
        Thread releaser = new Thread(loop::release, "releaser");
        // Holding the loop's monitor stands for a ctl in progress: release must wait for it, not free the
        // event buffer and close the epfd underneath it.
        synchronized (loop) {
            releaser.start();
            ThreadStates.await(releaser, Duration.ofSeconds(20), Thread.State.BLOCKED);
            assertThat(loop.isReleased()).isFalse();
        }
        releaser.join(20_000);
        assertThat(loop.isReleased()).isTrue();
        assertThat(loop.ctl(1, 0, 0, 0)).isEqualTo(-Errno.EBADF);
        poller.close();
    }
}
