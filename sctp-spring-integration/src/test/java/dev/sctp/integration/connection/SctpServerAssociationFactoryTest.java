package dev.sctp.integration.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.event.SctpAssociationShutdownEvent;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.messaging.Message;

/** Listening on several addresses, closing associations by id, limits and graceful stop. */
@RequiresSctp
class SctpServerAssociationFactoryTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void listensOnSeveralAddressesWithTheBoundPortReadable() throws Exception {
        SctpServerAssociationFactory server = harness.server("127.0.0.1/127.0.0.2:0", f -> f.setBacklog(8));
        assertThat(server.getPort()).isEqualTo(-1);
        Harness.started(server);
        assertThat(server.getPort()).isPositive();
        assertThat(server.getBoundAddress().addresses()).extracting(a -> a.getHostAddress())
                .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
        QueueChannel received = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(received);
        harness.endpoint(adapter).start();
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> { },
                SctpAddress.parse("127.0.0.2:" + server.getPort())));
        client.getAssociation().send("via .2".getBytes(UTF_8), SendInfo.DEFAULT);
        assertThat(received.receive(Harness.TIMEOUT.toMillis())).isNotNull();
        server.stop();
        assertThat(server.isListening()).isFalse();
        assertThat(server.getPort()).isEqualTo(-1);
    }

    @Test
    void aQuickRestartKeepsListeningAfterTheOldAcceptLoopEnds() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        for (int i = 0; i < 20; i++) {
            server.stop();
            assertThat(server.isListening()).as("listening right after stop() #%d", i).isFalse();
            server.start();
            assertThat(server.isListening()).as("listening right after start() #%d", i).isTrue();
        }
        // the stopped accept loops end on their own threads; none of them may clear the new listener's state
        Thread.sleep(300);
        assertThat(server.isListening()).isTrue();
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> f.setReconnect(false),
                Harness.addressOf(server)));
        assertThat(client.getAssociation()).isNotNull();
    }

    @Test
    void closesOneAssociationByIdAndStopsGracefullyWithACallback() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(new QueueChannel());
        harness.endpoint(adapter).start();
        SctpClientAssociationFactory one = Harness.started(harness.client(f -> f.setReconnect(false),
                Harness.addressOf(server)));
        SctpClientAssociationFactory two = Harness.started(harness.client(f -> f.setReconnect(false),
                Harness.addressOf(server)));
        SctpAssociation first = one.getAssociation();
        two.getAssociation();
        SctpTestUtils.waitAssociations(server, 2, Harness.TIMEOUT);
        String victim = server.getOpenAssociationIds().stream()
                .filter(id -> id.contains(":" + first.getLocalAddress().port() + ":")).findFirst().orElseThrow();

        assertThat(server.closeAssociation(victim)).isTrue();
        assertThat(server.closeAssociation("no-such-id")).isFalse();
        SctpTestUtils.waitAssociations(server, 1, Harness.TIMEOUT);
        await().atMost(Harness.TIMEOUT).until(() -> !first.isOpen());
        assertThat(first.closeFuture().get()).isEqualTo(CloseReason.SHUTDOWN);
        assertThatThrownBy(() -> first.send("late".getBytes(UTF_8), SendInfo.DEFAULT))
                .isInstanceOf(SctpAssociationException.class)
                .hasMessageContaining(first.getId())
                .hasMessageContaining("closed");

        CountDownLatch stopped = new CountDownLatch(1);
        server.stop(stopped::countDown);
        assertThat(stopped.await(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(server.isRunning()).isFalse();
        assertThat(server.getOpenAssociationIds()).isEmpty();
        await().atMost(Harness.TIMEOUT).until(() -> !two.isConnected());
        // events follow the close a moment later, from the thread that saw the end
        await().atMost(Harness.TIMEOUT).untilAsserted(() ->
                assertThat(harness.events(SctpAssociationShutdownEvent.class)).hasSizeGreaterThanOrEqualTo(4));
        String prefix = server.getComponentName() + "-";
        await().atMost(Harness.TIMEOUT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(prefix)));
    }

    @Test
    void gracefulStopLetsAHandlerAtWorkSendItsReplyBeforeShutdown() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DirectChannel requests = new DirectChannel();
        ServiceActivatingHandler slow = new ServiceActivatingHandler((MessageProcessor<Object>) m -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "reply:" + new String((byte[]) m.getPayload(), UTF_8);
        });
        requests.subscribe(slow);
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(server);
        gateway.setRequestChannel(requests);
        harness.endpoint(gateway).start();
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> f.setReconnect(false),
                Harness.addressOf(server)));
        QueueChannel replies = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(client);
        adapter.setOutputChannel(replies);
        harness.endpoint(adapter).start();
        SctpAssociation association = client.getAssociation();
        association.send("in flight".getBytes(UTF_8), SendInfo.DEFAULT);
        assertThat(entered.await(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CountDownLatch stopped = new CountDownLatch(1);
        server.stop(stopped::countDown);
        await().atMost(Harness.TIMEOUT).until(() -> !server.isRunning());
        Thread.sleep(200); // the stop is now waiting for the handler
        release.countDown();

        Message<?> reply = replies.receive(Harness.TIMEOUT.toMillis());
        assertThat(reply).isNotNull();
        assertThat(new String((byte[]) reply.getPayload(), UTF_8)).isEqualTo("reply:in flight");
        assertThat(association.closeFuture().get(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(CloseReason.SHUTDOWN);
        assertThat(stopped.await(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
}
