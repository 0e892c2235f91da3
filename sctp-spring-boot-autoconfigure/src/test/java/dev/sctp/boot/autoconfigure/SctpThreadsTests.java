package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.ThreadsServer;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationObserver;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.TaskScheduler;

/**
 * Threads of an application with {@code spring.threads.virtual.enabled=true}: readers and deliveries are virtual
 * threads where the JVM has them (Java 21 and later; run the class once on such a JVM), and every timer, the metrics
 * poller included, runs on Boot's {@code taskScheduler}: no thread of a private scheduler exists.
 */
@RequiresSctp
class SctpThreadsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    @Test
    void readersAndDeliveriesAreVirtualAndTimersRunOnBootsScheduler() throws Exception {
        try (ConfigurableApplicationContext app = Apps.run(ThreadsServer.class, "spring.threads.virtual.enabled=true",
                "sctp.listen.addresses=127.0.0.1:0", "sctp.listen.idle-timeout=1m")) {
            SctpServerAssociationFactory factory = app.getBean(SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(factory, TIMEOUT);
            AtomicReference<Thread> reader = new AtomicReference<>();
            factory.addObserver(new SctpAssociationObserver() {
                @Override
                public void messageReceived(SctpAssociation association, int streamId, int bytes) {
                    reader.set(Thread.currentThread());
                }
            });
            try (SctpSocket peer = SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + factory.getPort()), TIMEOUT)) {
                peer.setReadTimeout(TIMEOUT);
                peer.send("which thread?".getBytes(StandardCharsets.UTF_8), SendInfo.of(0, 0));
                byte[] buffer = new byte[64];
                int n = peer.receive(buffer, 0, buffer.length, new ReceiveInfo());
                assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).as("the delivering thread")
                        .isEqualTo("virtual=" + VIRTUAL_THREADS);
                assertThat(reader.get()).isNotNull();
                assertThat(ThreadsServer.isVirtual(reader.get())).as("reader %s", reader.get())
                        .isEqualTo(VIRTUAL_THREADS);

                TaskScheduler boots = app.getBean("taskScheduler", TaskScheduler.class);
                assertThat(factory.getActiveTaskScheduler()).isSameAs(boots);
                // the metrics poller runs: the association's RTO is read at the poll interval
                MeterRegistry registry = app.getBean(MeterRegistry.class);
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(registry.get("sctp.rto")
                        .tag("name", "default").timeGauge().value(TimeUnit.MILLISECONDS)).isPositive());
                List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
                // a factory's private scheduler is named <factory>-timer-, the metrics' former one sctp-metrics-poller
                // (sctp-core's epoll thread, sctp-poller-N, is no scheduler)
                assertThat(threads).as("live platform threads").noneMatch(name -> name.contains("-timer-")
                        || name.equals("sctp-metrics-poller"));
            }
        }
    }
}
