package dev.sctp.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waits with re-check slices, on an eventfd registered with a private poller: epoll and eventfd need no kernel SCTP,
 * so these run anywhere.
 */
class PollRegistrationTest {

    private static final long SLICE = Duration.ofMillis(50).toNanos();
    private static final int EFD_CLOEXEC = 0x80000; // linux/eventfd.h
    private static final int EFD_NONBLOCK = 0x800;

    private EpollPoller poller;
    private int fd;
    private PollRegistration registration;

    @BeforeEach
    void register() throws Exception {
        poller = new EpollPoller(1);
        fd = LibC.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        assertThat(fd).as("eventfd").isNotNegative();
        registration = poller.register(fd);
    }

    @AfterEach
    void release() {
        if (registration != null) {
            registration.deregister();
            LibC.close(fd);
        }
        poller.close();
    }

    @Test
    void aCancelledRegistrationNeverTouchesItsFdNumberAgainWhenAnotherFdReusesIt() throws Exception {
        // The owner closes: deregister, then close(2). A new fd takes the lowest free number, which is the same.
        registration.deregister();
        LibC.close(fd);
        PollRegistration closed = registration;
        registration = null;
        int reused = LibC.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        PollRegistration other = null;
        try {
            assertThat(reused).as("the new eventfd reuses the closed number").isEqualTo(fd);
            other = poller.register(reused);
            int seq = other.readSeq();
            // A waiter of the closed socket that was about to arm when the close happened: it must not re-register
            // the number, which would hand the new fd's events to the closed registration's token.
            assertThat(closed.arm(true)).as("arming a cancelled registration").isNotZero();
            try (NativeBuffer one = new NativeBuffer(8)) {
                one.buffer().putLong(0, 1L);
                assertThat(LibC.write(reused, one.address(), 8)).isEqualTo(8);
            }
            assertThat(other.awaitReadable(seq, System.nanoTime() + Duration.ofSeconds(5).toNanos()))
                    .as("the new fd's readiness reaches its own registration").isEqualTo(PollRegistration.READY);
        } finally {
            if (other != null) {
                other.deregister();
            }
            LibC.close(reused);
        }
    }

    @Test
    void aSliceThatEndsBeforeTheDeadlineAsksForARecheck() {
        long start = System.nanoTime();
        int status = registration.awaitReadableSlice(registration.readSeq(), PollRegistration.NO_DEADLINE, SLICE);
        assertThat(status).isEqualTo(PollRegistration.RECHECK);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SLICE);
    }

    @Test
    void aDeadlineInsideTheSliceIsATimeout() {
        long deadline = System.nanoTime() + SLICE / 5;
        assertThat(registration.awaitReadableSlice(registration.readSeq(), deadline, SLICE))
                .isEqualTo(PollRegistration.TIMED_OUT);
        assertThat(System.nanoTime() - deadline).isNotNegative();
    }

    @Test
    void theRegistrationsReadDeadlineCountsToo() {
        registration.setReadDeadline(System.nanoTime() + SLICE / 5);
        assertThat(registration.awaitReadableSlice(registration.readSeq(), PollRegistration.NO_DEADLINE, SLICE))
                .isEqualTo(PollRegistration.TIMED_OUT);
    }

    @Test
    void readinessEndsTheWaitAsReady() {
        int seq = registration.readSeq();
        try (NativeBuffer one = new NativeBuffer(8)) {
            one.buffer().putLong(0, 1L);
            assertThat(LibC.write(fd, one.address(), 8)).isEqualTo(8);
        }
        assertThat(registration.awaitReadableSlice(seq, System.nanoTime() + Duration.ofSeconds(10).toNanos(),
                Duration.ofSeconds(5).toNanos())).isEqualTo(PollRegistration.READY);
    }

    @Test
    void cancellingEndsTheWaitAsClosed() {
        registration.cancel();
        assertThat(registration.awaitReadableSlice(registration.readSeq(), PollRegistration.NO_DEADLINE, SLICE))
                .isEqualTo(PollRegistration.CLOSED);
    }
}
