package dev.sctp.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.GenericMessage;

/**
 * The release of a stream is decided once, whatever the order of the reply, the timed-out caller and the expiry.
 * These pin the interleavings the gateway's threads can produce; the gateway tests cover the same over associations.
 */
class StreamSlotsTest {

    @Test
    void aReplyRacingTheTimeoutFreesTheStreamOnceSoTwoRequestsCannotShareIt() throws Exception {
        StreamSlots slots = new StreamSlots(1);
        int stream = slots.acquireAny(0);
        StreamSlots.Pending pending = slots.register(stream, true);
        pending.timedOut = true; // the caller gave up (finish) ...
        assertThat(slots.complete(stream, new GenericMessage<>(new byte[0]))).isFalse(); // ... as the reply came
        assertThat(slots.done(stream, pending)).isFalse(); // the caller's own release finds the stream freed
        assertThat(slots.acquireAny(0)).isEqualTo(0);
        assertThat(slots.acquireAny(0)).as("a second request on the only stream").isEqualTo(-1);
        assertThat(slots.inUse()).isEqualTo(1);
    }

    @Test
    void anExpiryAfterTheLateReplyDoesNotFreeTheStreamAgain() throws Exception {
        StreamSlots slots = new StreamSlots(1);
        int stream = slots.acquireAny(0);
        StreamSlots.Pending pending = slots.register(stream, true);
        pending.timedOut = true;
        assertThat(slots.done(stream, pending)).as("held for the late reply").isTrue();
        assertThat(slots.reservedForLateReplies()).isEqualTo(1);
        assertThat(slots.complete(stream, new GenericMessage<>(new byte[0]))).isFalse();
        assertThat(slots.expire(stream, pending)).isFalse();
        assertThat(slots.acquireAny(0)).isEqualTo(0);
        assertThat(slots.acquireAny(0)).isEqualTo(-1);
    }

    @Test
    void aStreamWhoseLateReplyNeverComesIsFreedOnceByTheExpiry() throws Exception {
        StreamSlots slots = new StreamSlots(1);
        int stream = slots.acquireAny(0);
        StreamSlots.Pending pending = slots.register(stream, true);
        pending.timedOut = true;
        assertThat(slots.done(stream, pending)).isTrue();
        assertThat(slots.acquireAny(0)).as("held").isEqualTo(-1);
        assertThat(slots.expire(stream, pending)).isTrue();
        assertThat(slots.done(stream, pending)).isFalse();
        assertThat(slots.acquireAny(0)).isEqualTo(0);
        assertThat(slots.acquireAny(0)).isEqualTo(-1);
    }

    @Test
    void anExplicitStreamIsHeldUntilItsReplyAndNeverJoinsThePool() throws Exception {
        StreamSlots slots = new StreamSlots(2);
        assertThat(slots.acquire(1, 0)).isTrue();
        StreamSlots.Pending pending = slots.register(1, false);
        assertThat(slots.acquire(1, 0)).as("stream 1 is busy").isFalse();
        assertThat(slots.complete(1, new GenericMessage<>(new byte[0]))).isTrue();
        assertThat(slots.done(1, pending)).isFalse();
        assertThat(slots.inUse()).isZero();
        // the pool still holds each stream once: 0 and 1, then nothing
        assertThat(slots.acquireAny(0)).isEqualTo(0);
        assertThat(slots.acquireAny(0)).isEqualTo(1);
        assertThat(slots.acquireAny(0)).isEqualTo(-1);
    }
}
