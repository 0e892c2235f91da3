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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;

/**
 * Reading stops while the consumer is busy; delivery is serial per stream and parallel across streams, on the given
 * executor.
 */
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

    @Test
    void readsAndDeliversOnTheGivenTaskExecutorVirtualThreadsIncluded() throws Exception {
        ExecutorService base = virtualThreadsWhereAvailable();
        Set<Thread> executorThreads = ConcurrentHashMap.newKeySet();
        AtomicInteger tasks = new AtomicInteger();
        Executor executor = task -> {
            tasks.incrementAndGet();
            base.execute(() -> {
                executorThreads.add(Thread.currentThread());
                task.run();
            });
        };
        try {
            SctpServerAssociationFactory server = Harness.started(harness.server(f -> f.setTaskExecutor(executor)));
            LinkedBlockingQueue<Thread> deliveredOn = new LinkedBlockingQueue<>();
            DirectChannel channel = new DirectChannel();
            channel.subscribe(m -> deliveredOn.add(Thread.currentThread()));
            SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
            adapter.setAssociationFactory(server);
            adapter.setOutputChannel(channel);
            harness.endpoint(adapter).start();
            SctpClientAssociationFactory client = Harness.started(harness.client(f -> { },
                    Harness.addressOf(server)));
            for (int stream = 0; stream < 4; stream++) {
                client.getAssociation().send(new byte[] {(byte) stream}, SendInfo.stream(stream));
            }
            for (int i = 0; i < 4; i++) {
                Thread thread = deliveredOn.poll(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(thread).isNotNull().isIn(executorThreads);
                assertThat(isVirtual(thread)).isEqualTo(Runtime.version().feature() >= 21);
            }
            // accepting, the association's reader and the deliveries all went through the given executor
            assertThat(tasks.get()).isGreaterThanOrEqualTo(3);
            server.stop();
            assertThat(base.isShutdown()).as("a given executor is the caller's to shut down").isFalse();
        } finally {
            base.shutdownNow();
        }
    }

    private static ExecutorService virtualThreadsWhereAvailable() throws Exception {
        if (Runtime.version().feature() < 21) {
            return Executors.newCachedThreadPool();
        }
        // Executors.newVirtualThreadPerTaskExecutor() exists from Java 21; this module targets 17.
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private static boolean isVirtual(Thread thread) throws Exception {
        return Runtime.version().feature() >= 21 && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    }
}
