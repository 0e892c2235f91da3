package dev.sctp.integration.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.RequiresSctp;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Readers and acceptors do not take threads of the task executor, so a bounded one (Spring Boot's default has 8
 * threads) serves more associations than it has threads; readers are virtual threads where the JVM has them.
 */
@RequiresSctp
class ExecutorModelTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aBoundedExecutorServesMoreAssociationsThanItHasThreads() throws Exception {
        ThreadPoolTaskExecutor bounded = new ThreadPoolTaskExecutor();
        bounded.setCorePoolSize(2);
        bounded.setMaxPoolSize(2);
        bounded.setThreadNamePrefix("bounded-");
        bounded.initialize();
        try {
            int associations = 6;
            Set<String> from = ConcurrentHashMap.newKeySet();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            SctpServerAssociationFactory server = Harness.started(harness.server(f -> f.setTaskExecutor(bounded)));
            DirectChannel sink = new DirectChannel();
            sink.subscribe(m -> {
                from.add((String) m.getHeaders().get(SctpHeaders.ASSOCIATION_ID));
                threads.add(Thread.currentThread().getName());
            });
            SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
            adapter.setAssociationFactory(server);
            adapter.setOutputChannel(sink);
            harness.endpoint(adapter).start();
            for (int i = 0; i < associations; i++) {
                SctpClientAssociationFactory client = Harness.started(harness.client(f -> f.setTaskExecutor(bounded),
                        Harness.addressOf(server)));
                client.getAssociation().send(("hello " + i).getBytes(UTF_8), SendInfo.stream(0));
            }
            await().atMost(Harness.TIMEOUT).until(() -> from.size() == associations);
            // the deliveries ran on the bounded executor: it was used, just not held by the readers
            assertThat(threads).allMatch(name -> name.startsWith("bounded-"));
        } finally {
            bounded.shutdown();
        }
    }

    @Test
    void manyAssociationsAreServedWithoutAPlatformThreadEachWhereTheJvmHasVirtualThreads() throws Exception {
        boolean virtual = Runtime.version().feature() >= 21;
        // 2,000 on Java 21+; on Java 17 every reader is a platform thread, so fewer keep the slow VM in bounds
        int associations = virtual ? 2000 : 200;
        AtomicInteger received = new AtomicInteger();
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> {
            f.setBacklog(associations);
            f.setShutdownTimeout(Harness.TIMEOUT);
        }));
        DirectChannel sink = new DirectChannel();
        sink.subscribe(m -> received.incrementAndGet());
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(sink);
        harness.endpoint(adapter).start();
        int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        List<dev.sctp.SctpSocket> peers = new ArrayList<>();
        try {
            for (int i = 0; i < associations; i++) {
                dev.sctp.SctpSocket peer = dev.sctp.SctpSocket.dial(Harness.addressOf(server), Harness.TIMEOUT);
                peers.add(peer);
                peer.send(new byte[] {1}, SendInfo.stream(0));
            }
            await().atMost(Harness.TIMEOUT.multipliedBy(6)).until(() -> received.get() == associations);
            assertThat(server.getOpenAssociationCount()).isEqualTo(associations);
            int platformDuring = ManagementFactory.getThreadMXBean().getThreadCount();
            if (virtual) {
                assertThat(platformDuring - platformBefore).as("platform threads added for %d associations",
                        associations).isLessThan(associations / 4);
            } else {
                // Java 17: one platform reader per association, and each ends with its association
                assertThat(platformDuring - platformBefore).isGreaterThanOrEqualTo(associations);
            }
            assertThat(ReaderThreads.virtual()).isEqualTo(virtual);
        } finally {
            peers.forEach(dev.sctp.SctpSocket::close);
        }
        await().atMost(Harness.TIMEOUT.multipliedBy(3)).until(() -> server.getOpenAssociationCount() == 0);
        await().atMost(Harness.TIMEOUT).until(() -> ManagementFactory.getThreadMXBean().getThreadCount()
                < platformBefore + associations / 4);
    }

    @Test
    void timersRunOnTheIntegrationTaskSchedulerAndReadersOnThreadsNamedAfterTheFactory() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(
                f -> f.setIdleTimeout(java.time.Duration.ofMillis(300))));
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(new DirectChannel() {
            {
                subscribe(m -> { });
            }
        });
        harness.endpoint(adapter).start();
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> { }, Harness.addressOf(server)));
        client.getAssociation();
        await().atMost(Harness.TIMEOUT).until(() -> !harness.events(
                dev.sctp.integration.event.SctpAssociationIdleEvent.class).isEmpty());
        int index = harness.events.indexOf(harness.events(
                dev.sctp.integration.event.SctpAssociationIdleEvent.class).get(0));
        // the application context's scheduler (the harness registers one as Spring Integration does), no own timer
        assertThat(harness.eventThreads.get(index)).startsWith("harness-scheduler-");
        if (!ReaderThreads.virtual()) {
            // virtual threads are not listed; platform readers are, named after their factory
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .anyMatch(name -> name.startsWith(server.getComponentName() + "-reader-"))
                    .noneMatch(name -> name.startsWith(server.getComponentName() + "-timer-"));
        }
    }
}
