package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.integration.Harness;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.internal.linux.NativeBuffer;
import dev.sctp.internal.linux.StagingPool;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;

/**
 * What an idle association costs the Spring server path (factory, reader, inbound gateway) after it received a
 * request and sent its reply, against issue 11's targets of under 16 KiB heap and 64 KiB native memory per idle
 * association; and that a message longer than the read buffer still arrives whole, and is answered whole, after it.
 * The associations come from a Python process, so only the server is measured.
 */
@RequiresSctp
class IdleAssociationFootprintTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int ASSOCIATIONS = 64;
    private static final long HEAP_TARGET = 16 * 1024;
    private static final long NATIVE_TARGET = 64 * 1024;
    private static final int LARGE = 3 * AssociationFactorySettings.DEFAULT_MAX_MESSAGE_SIZE + 17;

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void anIdleAssociationHoldsLessThan16KiBHeapAnd64KiBNativeAndLargeMessagesStillArriveWhole() throws Exception {
        SctpServerAssociationFactory server = harness.server(f -> f.setMaxMessageSize(4 * LARGE));
        DirectChannel requests = new DirectChannel();
        requests.subscribe(new ServiceActivatingHandler((MessageProcessor<Object>) m -> m.getPayload()));
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(server);
        gateway.setRequestChannel(requests);
        harness.endpoint(gateway).start();
        Harness.started(server);
        long heapBefore = usedHeap();
        long nativeBefore = nativeOutsidePool();

        try (ExternalPeer clients = ExternalPeer.start(List.of("python3", "-u", "-S", "-E", script(), "127.0.0.1",
                String.valueOf(server.getPort()), String.valueOf(ASSOCIATIONS)))) {
            clients.awaitOutput(out -> out.contains("idle " + ASSOCIATIONS), TIMEOUT);
            assertThat(clients.output()).contains("idle " + ASSOCIATIONS);
            awaitReadersParked(server);
            long heap = (usedHeap() - heapBefore) / ASSOCIATIONS;
            long nativeBytes = (nativeOutsidePool() - nativeBefore) / ASSOCIATIONS;
            System.out.printf("IdleAssociationFootprintTest: %d idle associations, per association %,d bytes heap,"
                    + " %,d bytes native outside the shared staging pool (pool %,d bytes)%n", ASSOCIATIONS, heap,
                    nativeBytes, StagingPool.pooledBytes());
            assertThat(server.getOpenAssociationCount()).isEqualTo(ASSOCIATIONS);
            assertThat(heap).as("heap bytes per idle association").isLessThan(HEAP_TARGET);
            assertThat(nativeBytes).as("native bytes per idle association").isLessThan(NATIVE_TARGET);

            clients.write("large " + LARGE + "\n");
            clients.awaitOutput(out -> out.contains("echoed " + LARGE), TIMEOUT);
            assertThat(clients.output()).contains("echoed " + LARGE + " same");
            awaitReadersParked(server);
            long nativeAfter = (nativeOutsidePool() - nativeBefore) / ASSOCIATIONS;
            assertThat(nativeAfter).as("native bytes per idle association after a %d-byte request and reply", LARGE)
                    .isLessThan(NATIVE_TARGET);
        }
    }

    private static String script() throws URISyntaxException {
        return Path.of(IdleAssociationFootprintTest.class.getResource("/peers/idle_clients.py").toURI()).toString();
    }

    /** Waits until every reader thread of the server waits in its receive, so none holds a buffer for a call. */
    private static void awaitReadersParked(SctpServerAssociationFactory server) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> assertThat(
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getState() == Thread.State.RUNNABLE)
                        .filter(t -> Arrays.stream(t.getStackTrace())
                                .anyMatch(f -> f.getClassName().equals(AssociationReader.class.getName()))))
                .as("reader threads of %s still running", server).isEmpty());
    }

    private static long nativeOutsidePool() {
        return NativeBuffer.liveBytes() - StagingPool.pooledBytes();
    }

    private static long usedHeap() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the least of three collections: a concurrent allocation only adds
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            Thread.sleep(50);
        }
        return least;
    }
}
