package dev.sctp.integration.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpOptions;
import dev.sctp.integration.Harness;
import dev.sctp.integration.KernelCounters;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;

/**
 * Issue 12, scenario 6: a Spring inbound adapter whose handler takes 100 ms a message (10 messages/s) while a sender
 * in another process ({@code hostile_peer.py flood}) sends 1 KiB messages as fast as its kernel lets it. The sender
 * must be held back (its sends time out), neither side's memory may grow with what it sent (the receiver's pending
 * deliveries stay at the limit, its heap and the sender's resident memory stay flat), and nothing is lost: after
 * the flood, with the handler fast again, every message the sender's kernel took arrives, in order.
 */
@RequiresSctp
class SlowConsumerTest {

    private static final int SIZE = 1024;
    private static final int FLOOD_SECONDS = 12;
    private static final int MAX_PENDING = 16;

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aFloodingSenderIsHeldBackByATenPerSecondReceiverWithBoundedMemoryAndNothingLost() throws Exception {
        SctpServerAssociationFactory server = harness.server(f -> {
            f.setMaxPendingDeliveries(MAX_PENDING);
            f.setSoReceiveBufferSize(SctpOptions.SLOW_READER_RCVBUF);
        });
        List<Integer> handled = new CopyOnWriteArrayList<>();
        AtomicLong handlerDelayMillis = new AtomicLong(100);
        DirectChannel slow = new DirectChannel();
        slow.subscribe(message -> {
            handled.add(ByteBuffer.wrap((byte[]) message.getPayload()).getInt());
            try {
                Thread.sleep(handlerDelayMillis.get()); // the slow consumer under test: 10 messages/s
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(slow);
        harness.endpoint(adapter).start();
        Harness.started(server);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long t3Before = KernelCounters.read("SctpT3RtxExpireds");
        long discardsBefore = KernelCounters.read("SctpInDataChunkDiscards");
        AtomicInteger maxPending = new AtomicInteger();
        String result;
        try (ExternalPeer sender = PeerScript.start("flood", server.getPort(), "127.0.0.1", "127.0.0.2",
                String.valueOf(SIZE), String.valueOf(FLOOD_SECONDS))) {
            long deadline = System.nanoTime() + PeerScript.TIMEOUT.toNanos() + Duration.ofSeconds(FLOOD_SECONDS)
                    .toNanos();
            while (!sender.output().contains("sent ") && System.nanoTime() < deadline) {
                maxPending.accumulateAndGet(server.getPendingDeliveries(), Math::max);
                Thread.sleep(50); // sampling the pending deliveries while the flood runs
            }
            result = sender.awaitOutput(out -> out.contains("sent "), PeerScript.TIMEOUT);
            System.gc();
            long heapAfterFlood = memory.getHeapMemoryUsage().getUsed();
            int handledDuringFlood = handled.size();
            long t3 = KernelCounters.read("SctpT3RtxExpireds") - t3Before;
            long discards = KernelCounters.read("SctpInDataChunkDiscards") - discardsBefore;

            Matcher m = Pattern.compile("sent (\\d+) timeouts (\\d+) rss_start_kb (\\d+) rss_max_kb (\\d+)")
                    .matcher(result);
            assertThat(m.find()).as(result).isTrue();
            int sent = Integer.parseInt(m.group(1));
            int timeouts = Integer.parseInt(m.group(2));
            long rssStart = Long.parseLong(m.group(3));
            long rssMax = Long.parseLong(m.group(4));
            System.out.printf("FIGURE slow-consumer: %d s flood of %d-byte messages at a 10 msg/s handler: sender's"
                    + " kernel took %d, handled %d meanwhile, %d sends timed out (1 s each); receiver pending max %d"
                    + " (limit %d), heap after GC %+d KiB; sender RSS %d -> max %d KiB; SctpT3RtxExpireds %+d,"
                    + " SctpInDataChunkDiscards %+d%n", FLOOD_SECONDS, SIZE, sent, handledDuringFlood, timeouts,
                    maxPending.get(), MAX_PENDING, (heapAfterFlood - heapBefore) / 1024, rssStart, rssMax, t3,
                    discards);

            assertThat(timeouts).as("the sender was held back: its sends timed out").isPositive();
            assertThat(result).contains("held");
            assertThat(maxPending.get()).as("deliveries waiting in the receiver").isLessThanOrEqualTo(MAX_PENDING);
            // what the sender got rid of sits in the kernels' buffers, not in either process: at most both buffers
            // (1 MiB of receive memory, the sender's default send buffer) beyond what was handled
            assertThat(sent - handledDuringFlood).as("messages the sender's kernel took beyond those handled")
                    .isLessThan(2 * SctpOptions.SLOW_READER_RCVBUF / SIZE + 212_992 / SIZE + MAX_PENDING);
            assertThat(heapAfterFlood - heapBefore).as("receiver heap growth after GC, bytes").isLessThan(16L << 20);
            assertThat(rssMax - rssStart).as("sender resident memory growth, KiB").isLessThan(4096);
            // a closed window costs the sender zero-window probes, dropped by the receiver and retransmitted at
            // the sender's RTO (1 s minimum): at most one per second of flood; more would be losses
            assertThat(t3).as("SctpT3RtxExpireds during the flood").isLessThanOrEqualTo(FLOOD_SECONDS);

            handlerDelayMillis.set(0);
            PeerScript.awaitLine(sender, "shutdown");
            await().atMost(PeerScript.TIMEOUT).until(() -> handled.size() >= sent);
            assertThat(handled).as("every message the sender's kernel took, in order")
                    .isEqualTo(java.util.stream.IntStream.range(0, sent).boxed().toList());
        }
    }
}
