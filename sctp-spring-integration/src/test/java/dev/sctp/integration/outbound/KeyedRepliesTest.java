package dev.sctp.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/** The bookkeeping of requests whose replies are matched by key. */
class KeyedRepliesTest {

    private static final Message<byte[]> REPLY = new GenericMessage<>(new byte[] {1});

    @Test
    void aKeyInFlightCannotBeRegisteredTwiceAndIsFreeAgainOnceAnswered() {
        KeyedReplies replies = new KeyedReplies();
        CompletableFuture<Message<byte[]>> first = replies.register("k");
        assertThat(first).isNotNull();
        assertThat(replies.register("k")).as("same key while in flight").isNull();
        assertThat(replies.complete("k", REPLY)).isTrue();
        assertThat(first.join()).isSameAs(REPLY);
        assertThat(replies.inFlight()).isZero();
        assertThat(replies.register("k")).as("same key after the reply").isNotNull();
    }

    @Test
    void aReplyForARemovedOrUnknownKeyIsNotTaken() {
        KeyedReplies replies = new KeyedReplies();
        CompletableFuture<Message<byte[]>> timedOut = replies.register("k");
        replies.remove("k", timedOut);
        assertThat(replies.complete("k", REPLY)).as("late reply").isFalse();
        assertThat(replies.complete("other", REPLY)).as("unsolicited").isFalse();
        assertThat(timedOut).isNotDone();
    }

    @Test
    void removingAStaleFutureLeavesANewerRequestWithTheSameKey() {
        KeyedReplies replies = new KeyedReplies();
        CompletableFuture<Message<byte[]>> old = replies.register("k");
        replies.complete("k", REPLY);
        CompletableFuture<Message<byte[]>> newer = replies.register("k");
        replies.remove("k", old); // the first caller cleaning up after its reply
        assertThat(replies.inFlight()).isEqualTo(1);
        assertThat(replies.complete("k", REPLY)).isTrue();
        assertThat(newer).isDone();
    }

    @Test
    void streamsAreTakenInTurnAndFailAllEndsEveryWaitingRequest() {
        KeyedReplies replies = new KeyedReplies();
        Set<Integer> streams = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            int stream = replies.nextStream(3);
            assertThat(stream).isBetween(0, 2);
            streams.add(stream);
        }
        assertThat(streams).containsExactlyInAnyOrder(0, 1, 2);
        CompletableFuture<Message<byte[]>> a = replies.register("a");
        CompletableFuture<Message<byte[]>> b = replies.register("b");
        replies.failAll(new IllegalStateException("association ended"));
        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedExceptionally();
        assertThat(replies.inFlight()).isZero();
    }
}
