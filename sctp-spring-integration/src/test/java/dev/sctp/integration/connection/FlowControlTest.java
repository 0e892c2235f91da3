package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.RequiresSctp;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;

/** Reading stops while the consumer is busy; delivery is serial per stream and parallel across streams. */
@RequiresSctp
class FlowControlTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void slowConsumerKeepsPendingMessagesBoundedAndLosesNothing() throws Exception {
        int messages = 120;
        AtomicInteger maxPending = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        Map<Integer, List<Integer>> perStream = new ConcurrentHashMap<>();
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> {
            f.setMaxPendingDeliveries(4);
            f.setSoReceiveBufferSize(8192);
        }));
        DirectChannel slow = new DirectChannel();
        slow.subscribe(m -> {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            SctpAssociation a = server.getAssociation((String) m.getHeaders().get(SctpHeaders.ASSOCIATION_ID));
            if (a != null) {
                maxPending.accumulateAndGet(a.getPendingDeliveries(), Math::max);
            }
            perStream.computeIfAbsent((Integer) m.getHeaders().get(SctpHeaders.STREAM_ID),
                    s -> new CopyOnWriteArrayList<>()).add(ByteBuffer.wrap((byte[]) m.getPayload()).getInt());
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(slow);
        harness.endpoint(adapter).start();

        SctpClientAssociationFactory client = Harness.started(harness.client(f -> { }, Harness.addressOf(server)));
        SctpAssociation association = client.getAssociation();
        byte[] payload = new byte[2000];
        for (int i = 0; i < messages; i++) {
            ByteBuffer.wrap(payload).putInt(i);
            association.send(payload, SendInfo.stream(1 + i % 2));
        }
        await().atMost(Harness.TIMEOUT.multipliedBy(2))
                .until(() -> perStream.values().stream().mapToInt(List::size).sum() == messages);

        assertThat(maxPending.get()).isLessThanOrEqualTo(4);
        assertThat(maxConcurrent.get()).isEqualTo(2);
        assertThat(perStream.get(1)).isSorted().hasSize(messages / 2);
        assertThat(perStream.get(2)).isSorted().hasSize(messages / 2);
    }
}
