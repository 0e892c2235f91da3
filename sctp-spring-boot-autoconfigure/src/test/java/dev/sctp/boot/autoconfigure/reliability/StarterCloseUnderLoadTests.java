package dev.sctp.boot.autoconfigure.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * Reliability scenario 7 through the starter: the application is stopped (its context closed) while 8 threads keep
 * its client busy, one stream each. The peer, an independent C receiver in another process ({@code tallysink.c}),
 * must see SHUTDOWN (SCTP_SHUTDOWN_EVENT), not an ABORT or a lost association, and every message whose send returned
 * to its thread must have reached it, in order; the kernel counts a graceful shutdown and no abort.
 */
@RequiresSctp
class StarterCloseUnderLoadTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT = 5315;
    private static final int STREAMS = 8;
    private static final int SIZE = 256;

    @Test
    void closingTheApplicationWhileEightStreamsAreBusyShutsDownAndLosesNoAcknowledgedMessage() throws Exception {
        try (TallySink sink = TallySink.startLocal("127.0.0.1", PORT, TIMEOUT)) {
            SctpCounters before = SctpCounters.read();
            ConfigurableApplicationContext app = Apps.run(ReliabilityClient.class,
                    "sctp.clients.peer.addresses=127.0.0.1:" + PORT, "sctp.clients.peer.streams.outbound=" + STREAMS);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLongArray succeeded = new AtomicLongArray(STREAMS);
            AtomicLongArray refused = new AtomicLongArray(STREAMS);
            List<Thread> senders = new ArrayList<>();
            long closeMillis;
            try {
                await().atMost(TIMEOUT).until(() -> ReliabilityClient.health(app).getStatus().equals(Status.UP));
                MessageChannel outbound = app.getBean("peerOutbound", MessageChannel.class);
                for (int s = 0; s < STREAMS; s++) {
                    int stream = s;
                    Thread sender = new Thread(() -> send(outbound, stream, stop, succeeded, refused),
                            "close-sender-" + s);
                    sender.start();
                    senders.add(sender);
                }
                await().atMost(TIMEOUT).until(() -> min(succeeded) >= 200);
            } finally {
                long start = System.nanoTime();
                app.close();
                closeMillis = (System.nanoTime() - start) / 1_000_000;
                stop.set(true);
                for (Thread sender : senders) {
                    sender.join(TIMEOUT.toMillis());
                }
            }
            TallySink.Account account = sink.awaitEnd(TIMEOUT);
            SctpCounters after = SctpCounters.read();
            long total = 0;
            for (int s = 0; s < STREAMS; s++) {
                total += succeeded.get(s);
            }
            System.out.printf("FIGURE StarterCloseUnderLoadTests: context closed in %d ms with 8 busy streams; sends"
                    + " returned %d (per stream %s), refused once closing %d, received by the peer %d, peer saw %s;"
                    + " kernel SctpShutdowns +%d, SctpAborteds +%d%n", closeMillis, total, asList(succeeded),
                    sum(refused), account.received(), account.end(), after.since(before, "SctpShutdowns"),
                    after.since(before, "SctpAborteds"));
            assertThat(senders).as("senders finished").noneMatch(Thread::isAlive);
            assertThat(account.end()).as("how the peer's association ended; its output:\n%s", sink.tail())
                    .isEqualTo("shutdown");
            assertThat(account.errors()).as("messages out of order or twice").isZero();
            for (int s = 0; s < STREAMS; s++) {
                long n = succeeded.get(s);
                assertThat(account.streams().get(s)).as("stream %d: every acknowledged send received, in order", s)
                        .isEqualTo(new TallySink.Stream(n, 0, n - 1, 0));
            }
            assertThat(after.since(before, "SctpAborteds")).as("kernel: associations aborted").isZero();
            assertThat(after.since(before, "SctpShutdowns")).as("kernel: graceful shutdowns").isPositive();
        }
    }

    /** Sends numbered messages on {@code stream} until stopped; a number is used again only if its send failed. */
    private static void send(MessageChannel outbound, int stream, AtomicBoolean stop, AtomicLongArray succeeded,
            AtomicLongArray refused) {
        int next = 0;
        while (!stop.get()) {
            try {
                outbound.send(MessageBuilder.withPayload(TallySink.number(next, SIZE))
                        .setHeader(SctpHeaders.STREAM_ID, stream).build());
                next++;
                succeeded.incrementAndGet(stream);
            } catch (RuntimeException e) {
                refused.incrementAndGet(stream);
                Thread.onSpinWait();
            }
        }
    }

    private static long min(AtomicLongArray values) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < values.length(); i++) {
            min = Math.min(min, values.get(i));
        }
        return min;
    }

    private static long sum(AtomicLongArray values) {
        long sum = 0;
        for (int i = 0; i < values.length(); i++) {
            sum += values.get(i);
        }
        return sum;
    }

    private static String asList(AtomicLongArray values) {
        long[] copy = new long[values.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = values.get(i);
        }
        return Arrays.toString(copy);
    }
}
