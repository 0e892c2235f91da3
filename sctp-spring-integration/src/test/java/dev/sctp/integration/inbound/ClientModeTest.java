package dev.sctp.integration.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.event.SctpAssociationOpenedEvent;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.testing.RequiresKernelSctp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/** Inbound endpoints on client factories: this side connects, the server sends; control-bus methods; failback. */
@RequiresKernelSctp
class ClientModeTest {

    private static final RetryPolicy FAST = RetryPolicy.builder().delay(Duration.ofMillis(50))
            .multiplier(1.5).maxDelay(Duration.ofMillis(500)).jitter(Duration.ofMillis(10))
            .maxRetries(Long.MAX_VALUE).build();

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String text(Message<?> m) {
        return new String((byte[]) m.getPayload(), UTF_8);
    }

    private QueueChannel inbound(AbstractSctpAssociationFactory f) {
        QueueChannel channel = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(f);
        adapter.setOutputChannel(channel);
        harness.endpoint(adapter).start();
        return channel;
    }

    /** Starts a server on {@code port} again, retrying a while if the kernel still holds the port (EADDRINUSE). */
    private SctpServerAssociationFactory restartOnPort(String host, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            SctpServerAssociationFactory server = harness.server(host + ":" + port, f -> { });
            try {
                return Harness.started(server);
            } catch (java.io.UncheckedIOException e) {
                if (!String.valueOf(e.getMessage()).contains("EADDRINUSE") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    @Test
    void anInboundAdapterOnAClientFactoryConnectsOnRetryAndReceivesWhatTheServerSends() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        SctpClientAssociationFactory client = harness.client(f -> {
            f.setConnectOnStart(false);
            f.setReconnect(false);
        }, Harness.addressOf(server));
        QueueChannel received = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(client);
        adapter.setOutputChannel(received);
        harness.endpoint(adapter).start(); // starts the factory, which does not connect by itself here
        assertThat(adapter.isClientMode()).isTrue();
        assertThat(adapter.isClientModeConnected()).isFalse();

        assertThat(adapter.retryConnection()).isTrue();
        assertThat(adapter.isClientModeConnected()).isTrue();
        SctpTestUtils.waitAssociations(server, 1, Harness.TIMEOUT);
        SctpSendingMessageHandler serverSender = new SctpSendingMessageHandler();
        serverSender.setAssociationFactory(server);
        harness.endpoint(serverSender).start();
        serverSender.handleMessage(MessageBuilder.withPayload("push")
                .setHeader(SctpHeaders.ASSOCIATION_ID, server.getOpenAssociationIds().get(0)).build());

        Message<?> push = received.receive(Harness.TIMEOUT.toMillis());
        assertThat(text(push)).isEqualTo("push");
        assertThat(push.getHeaders().get(SctpHeaders.ASSOCIATION_ID)).isEqualTo(client.getAssociation().getId());
    }

    @Test
    void anInboundGatewayOnAClientFactoryAnswersTheServersRequestsAndRetriesOnDemand() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        int port = server.getPort();
        SctpClientAssociationFactory client = harness.client(f -> f.setReconnect(false), Harness.addressOf(server));
        DirectChannel requests = new DirectChannel();
        requests.subscribe(new ServiceActivatingHandler((MessageProcessor<Object>) m -> "re:" + text(m)));
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(client);
        gateway.setRequestChannel(requests);
        harness.endpoint(gateway).start();
        SctpTestUtils.waitConnected(client, Harness.TIMEOUT);
        assertThat(gateway.isClientModeConnected()).isTrue();

        assertThat(ask(server, "one")).isEqualTo("re:one");

        server.stop();
        await().atMost(Harness.TIMEOUT).until(() -> !gateway.isClientModeConnected());
        SctpServerAssociationFactory again = restartOnPort("127.0.0.1", port);
        // without reconnects, only the control operation brings the association back
        assertThat(gateway.retryConnection()).isTrue();
        assertThat(gateway.isClientModeConnected()).isTrue();
        SctpTestUtils.waitAssociations(again, 1, Harness.TIMEOUT);
        assertThat(ask(again, "two")).isEqualTo("re:two");
    }

    /** Sends a request from the server to its one association through an outbound gateway and returns the reply. */
    private String ask(SctpServerAssociationFactory server, String request) {
        SctpOutboundGateway ask = new SctpOutboundGateway();
        ask.setAssociationFactory(server);
        QueueChannel replies = new QueueChannel();
        ask.setOutputChannel(replies);
        harness.endpoint(ask).start();
        SctpTestUtils.waitAssociations(server, 1, Harness.TIMEOUT);
        ask.handleMessage(MessageBuilder.withPayload(request)
                .setHeader(SctpHeaders.ASSOCIATION_ID, server.getOpenAssociationIds().get(0)).build());
        return text(replies.receive(Harness.TIMEOUT.toMillis()));
    }

    @Test
    void retryConnectionOnAServerFactorySaysTheEndpointIsNotInClientMode() {
        SctpServerAssociationFactory server = harness.server(f -> { });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        assertThat(adapter.isClientMode()).isFalse();
        assertThat(adapter.isClientModeConnected()).isFalse();
        assertThatThrownBy(adapter::retryConnection).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in client mode").hasMessageContaining("'" + server.getComponentName() + "'")
                .hasMessageContaining("SctpClientAssociationFactory");
    }

    @Test
    void theClientFailsBackToItsFirstPeerAfterTheFailbackInterval() throws Exception {
        Duration failback = Duration.ofSeconds(3);
        SctpServerAssociationFactory first = Harness.started(harness.server(f -> { }));
        int firstPort = first.getPort();
        SctpServerAssociationFactory second = Harness.started(harness.server("127.0.0.2:0", f -> { }));
        QueueChannel atSecond = inbound(second);
        SctpAddress secondAddress = SctpAddress.parse("127.0.0.2:" + second.getPort());
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> {
            f.setReconnectPolicy(FAST);
            f.setFailbackInterval(failback);
        }, Harness.addressOf(first), secondAddress));
        SctpTestUtils.waitConnected(client, Harness.TIMEOUT);
        assertThat(client.getCurrentPeer()).isEqualTo(Harness.addressOf(first));

        first.stop();
        await().atMost(Harness.TIMEOUT).until(() -> client.isConnected()
                && client.getCurrentPeer().equals(secondAddress));
        SctpAssociation onSecond = client.getAssociation();
        client.getAssociation().send("to-second".getBytes(UTF_8), SendInfo.DEFAULT);
        assertThat(text(atSecond.receive(Harness.TIMEOUT.toMillis()))).isEqualTo("to-second");

        SctpServerAssociationFactory back = restartOnPort("127.0.0.1", firstPort);
        QueueChannel atFirst = inbound(back);
        await().atMost(Harness.TIMEOUT.plus(failback)).until(() -> client.isConnected()
                && client.getCurrentPeer().equals(Harness.addressOf(back)));
        client.getAssociation().send("to-first".getBytes(UTF_8), SendInfo.DEFAULT);
        assertThat(text(atFirst.receive(Harness.TIMEOUT.toMillis()))).isEqualTo("to-first");
        // the association with the second peer is shut down gracefully once the first answers again (its end is
        // read by its own reader, so wait for it rather than read isOpen() right after the server let go)
        assertThat(onSecond.closeFuture().get(Harness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(CloseReason.SHUTDOWN);
        SctpTestUtils.waitAssociations(second, 0, Harness.TIMEOUT);
        // and the move came no earlier than the failback interval after the client reached the second peer
        List<SctpAssociationOpenedEvent> opened = harness.events(SctpAssociationOpenedEvent.class).stream()
                .filter(e -> e.getAssociation().getFactory() == client).toList();
        long reachedSecond = opened.stream().filter(e -> e.getAssociationId().equals(onSecond.getId()))
                .findFirst().orElseThrow().getTimestamp();
        long backAtFirst = opened.get(opened.size() - 1).getTimestamp();
        assertThat(backAtFirst - reachedSecond).isGreaterThanOrEqualTo(failback.toMillis());
    }
}
