package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpSocket;
import dev.sctp.integration.Harness;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.test.RequiresSctp;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.QueueChannel;

/** An association accepted while the factory stops does not outlive the stop. */
@RequiresSctp
class StopWhileAcceptingTest {

    private final Harness harness = new Harness();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        harness.close();
        executor.shutdownNow();
    }

    @Test
    void anAssociationAcceptedDuringStopIsClosedNotLeftOpen() throws Exception {
        CountDownLatch accepting = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> {
            f.setTaskExecutor(executor); // an executor the factory does not own, as an application context gives
            f.setSocketSupport(new SctpSocketSupport() {
                @Override
                public void postProcessSocket(SctpSocket socket) {
                    // holds the accepted association between accept and registration until the stop is over
                    accepting.countDown();
                    try {
                        proceed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }));
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(new QueueChannel());
        harness.endpoint(adapter).start();

        try (SctpSocket peer = SctpSocket.dial(Harness.addressOf(server), Harness.TIMEOUT)) {
            assertThat(accepting.await(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            server.stop();
            proceed.countDown();
            // the peer sees its association end (no reader, no drain would leave it open for good)
            peer.setReadTimeout(Harness.TIMEOUT);
            ReceiveInfo info = new ReceiveInfo();
            byte[] buffer = new byte[1024];
            int n;
            do {
                n = peer.receive(buffer, 0, buffer.length, info);
            } while (n >= 0 && info.notification() != null);
            assertThat(n).as("end of stream at the peer").isEqualTo(-1);
            assertThat(server.getOpenAssociationIds()).isEmpty();
        } finally {
            proceed.countDown();
        }
    }
}
