package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.integration.Harness;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-stream serial, cross-stream parallel delivery with a bound on pending messages, allocating nothing per message. */
class StreamDispatcherTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static SctpReceivedMessage message(int stream, int n) {
        return new SctpReceivedMessage(new byte[] {(byte) n}, stream, 0, false, 0, n, n);
    }

    @Test
    void aStreamIsDeliveredInOrderWhileAnotherStreamGoesOnWithoutIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        StreamDispatcher dispatcher = new StreamDispatcher(executor, 100, m -> {
            if (m.streamId() == 1 && m.ssn() == 0) {
                awaitQuietly(release);
            }
            delivered.add(m.streamId() + ":" + m.ssn());
        });
        for (int n = 0; n < 5; n++) {
            dispatcher.dispatch(message(1, n), () -> false);
        }
        for (int n = 0; n < 5; n++) {
            dispatcher.dispatch(message(70_000 % 65_536, n), () -> false); // a high stream id grows the lane table
        }
        // stream 1 waits in its first delivery; the other stream does not wait for it
        await().atMost(Harness.TIMEOUT).until(() -> delivered.size() == 5 && dispatcher.pending() == 5);
        assertThat(delivered).containsExactly("4464:0", "4464:1", "4464:2", "4464:3", "4464:4");
        assertThat(dispatcher.awaitIdle(50)).isFalse();

        release.countDown();
        assertThat(dispatcher.awaitIdle(Harness.TIMEOUT.toMillis())).isTrue();
        assertThat(delivered.subList(5, 10)).containsExactly("1:0", "1:1", "1:2", "1:3", "1:4");
        assertThat(dispatcher.pending()).isZero();
    }

    @Test
    void theReaderWaitsWhileCapacityMessagesArePendingAndGivesUpWhenAbandoned() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        StreamDispatcher dispatcher = new StreamDispatcher(executor, 2, m -> {
            awaitQuietly(release);
            delivered.incrementAndGet();
        });
        dispatcher.dispatch(message(0, 0), () -> false);
        dispatcher.dispatch(message(1, 0), () -> false);
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> dispatchQuietly(dispatcher,
                message(2, 0), () -> false), executor);
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Boolean> fourth = CompletableFuture.supplyAsync(() -> dispatchQuietly(dispatcher,
                message(3, 0), abandoned::get), executor);
        // both wait for a permit: nothing more is queued while two messages are pending
        await().during(300, TimeUnit.MILLISECONDS).atMost(Harness.TIMEOUT)
                .until(() -> !third.isDone() && !fourth.isDone() && dispatcher.pending() == 2);

        abandoned.set(true);
        assertThat(fourth.get(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isFalse();
        release.countDown();
        assertThat(third.get(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(dispatcher.awaitIdle(Harness.TIMEOUT.toMillis())).isTrue();
        assertThat(delivered).hasValue(3);
    }

    @Test
    void aLaneWhoseQueueGrewLongInABurstIsNotKeptForReuse() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StreamDispatcher dispatcher = new StreamDispatcher(executor, 200, m -> awaitQuietly(release));
        for (int n = 0; n < 100; n++) {
            dispatcher.dispatch(message(1, n), () -> false);
        }
        release.countDown();
        assertThat(dispatcher.awaitIdle(Harness.TIMEOUT.toMillis())).isTrue();
        assertThat(dispatcher.pooledLanes()).as("lanes kept after a burst of 100").isZero();

        dispatcher.dispatch(message(2, 0), () -> false);
        assertThat(dispatcher.awaitIdle(Harness.TIMEOUT.toMillis())).isTrue();
        assertThat(dispatcher.pooledLanes()).as("lanes kept after one message").isEqualTo(1);
    }

    @Test
    void dispatchingAllocatesNothingPerMessage() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AtomicLong delivered = new AtomicLong();
        Consumer<SctpReceivedMessage> count = m -> delivered.incrementAndGet();
        // deliveries run on this thread, so the measure covers the whole path from dispatch to the consumer
        StreamDispatcher dispatcher = new StreamDispatcher(Runnable::run, 16, count);
        SctpReceivedMessage[] messages = {message(0, 0), message(1, 1), message(300, 2), message(1, 3)};
        java.util.function.BooleanSupplier never = () -> false;
        for (int i = 0; i < 20_000; i++) { // warm-up: lanes, tables and the JIT
            dispatcher.dispatch(messages[i & 3], never);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            dispatcher.dispatch(messages[i & 3], never);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(delivered).hasValue(120_000);
        // a single object per message would be at least 1.6 MB; the slack is for the measuring itself
        assertThat(allocated).as("bytes allocated for 100,000 messages").isLessThan(10_000);
    }

    private static boolean dispatchQuietly(StreamDispatcher dispatcher, SctpReceivedMessage message,
            java.util.function.BooleanSupplier abandoned) {
        try {
            return dispatcher.dispatch(message, abandoned);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
