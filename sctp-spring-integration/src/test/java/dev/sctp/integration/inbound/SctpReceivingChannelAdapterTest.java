package dev.sctp.integration.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sctp.InitOptions;
import dev.sctp.SctpAddress;
import dev.sctp.SendInfo;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.Shutdown;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationException;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.integration.support.SctpHeaderMapper;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.RequiresSctp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.MessageHeaders;

/** Round trips through the inbound and outbound channel adapters against the kernel. */
@RequiresSctp
class SctpReceivingChannelAdapterTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private QueueChannel inbound(dev.sctp.integration.connection.AbstractSctpAssociationFactory factory) {
        QueueChannel channel = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(factory);
        adapter.setOutputChannel(channel);
        harness.endpoint(adapter).start();
        return channel;
    }

    private SctpSendingMessageHandler outbound(dev.sctp.integration.connection.AbstractSctpAssociationFactory f) {
        SctpSendingMessageHandler handler = new SctpSendingMessageHandler();
        handler.setAssociationFactory(f);
        harness.endpoint(handler).start();
        return handler;
    }

    @Test
    @SuppressWarnings("unchecked")
    void deliversClientMessagesWithStreamPpidAndAddressHeaders() {
        SctpServerAssociationFactory server = harness.server(f -> { });
        QueueChannel received = inbound(server);
        SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
        SctpSendingMessageHandler sender = outbound(client);

        sender.handleMessage(MessageBuilder.withPayload("hello").setHeader(SctpHeaders.STREAM_ID, 3)
                .setHeader(SctpHeaders.PPID, 46).build());

        Message<?> message = received.receive(Harness.TIMEOUT.toMillis());
        assertThat(message).isNotNull();
        assertThat(new String((byte[]) message.getPayload(), UTF_8)).isEqualTo("hello");
        assertThat(message.getHeaders())
                .containsEntry(SctpHeaders.STREAM_ID, 3)
                .containsEntry(SctpHeaders.PPID, 46)
                .containsEntry(SctpHeaders.UNORDERED, false)
                .containsEntry(SctpHeaders.FACTORY_NAME, server.getComponentName())
                .containsEntry(SctpHeaders.PRIMARY_ADDRESS, "127.0.0.1")
                .containsEntry(SctpHeaders.LOCAL_PORT, server.getPort())
                .containsKeys(SctpHeaders.SSN, SctpHeaders.TSN, SctpHeaders.REMOTE_PORT, SctpHeaders.CONTEXT);
        // The client binds the wildcard, so it is multi-homed over every loopback address of the VM.
        assertThat((List<Object>) message.getHeaders().get(SctpHeaders.REMOTE_ADDRESSES)).contains("127.0.0.1");
        assertThat(server.getOpenAssociationIds()).containsExactly(
                (String) message.getHeaders().get(SctpHeaders.ASSOCIATION_ID));
    }

    @Test
    void aClientRelaysAMessageReceivedByAnotherFactoryToItsOwnPeer() {
        SctpServerAssociationFactory front = harness.server(f -> { });
        QueueChannel atFront = inbound(front);
        SctpServerAssociationFactory back = harness.server(f -> { });
        QueueChannel atBack = inbound(back);
        SctpClientAssociationFactory toFront = harness.client(f -> { }, Harness.addressOf(front));
        SctpClientAssociationFactory toBack = harness.client(f -> { }, Harness.addressOf(back));
        outbound(toFront).handleMessage(MessageBuilder.withPayload("request").build());
        Message<?> request = atFront.receive(Harness.TIMEOUT.toMillis());
        assertThat(request).isNotNull();

        // forwarded with all its headers: the association id is the front listener's, not the client's
        outbound(toBack).handleMessage(MessageBuilder.withPayload("relayed").copyHeaders(request.getHeaders())
                .build());
        Message<?> relayed = atBack.receive(Harness.TIMEOUT.toMillis());
        assertThat(relayed).isNotNull();
        assertThat(new String((byte[]) relayed.getPayload(), UTF_8)).isEqualTo("relayed");

        // an id that claims to be the client's own but is not open still fails, naming it
        assertThatThrownBy(() -> outbound(toBack).handleMessage(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.ASSOCIATION_ID, "gone").setHeader(SctpHeaders.FACTORY_NAME,
                        toBack.getComponentName()).build()))
                .isInstanceOf(MessageHandlingException.class).hasMessageContaining("'gone' is not open");
    }

    @Test
    void aCustomHeaderMapperOnTheFactoryIsUsedWhenSending() {
        SctpServerAssociationFactory server = harness.server(f -> { });
        QueueChannel received = inbound(server);
        SctpClientAssociationFactory client = harness.client(f -> f.setHeaderMapper(new SctpHeaderMapper() {
            @Override
            public SendInfo toSendInfo(MessageHeaders headers, SendInfo defaults) {
                SendInfo info = super.toSendInfo(headers, defaults);
                return headers.containsKey("diameter") ? info.withPpid(46) : info; // RFC 6733: Diameter is PPID 46
            }
        }), Harness.addressOf(server));

        outbound(client).handleMessage(MessageBuilder.withPayload("cer").setHeader("diameter", true).build());
        Message<?> message = received.receive(Harness.TIMEOUT.toMillis());
        assertThat(message).isNotNull();
        assertThat(message.getHeaders()).containsEntry(SctpHeaders.PPID, 46);
    }

    @Test
    void repliesReachTheRightAssociationAmongMany() {
        SctpServerAssociationFactory server = harness.server(f -> { });
        QueueChannel requests = inbound(server);
        SctpSendingMessageHandler replier = outbound(server);
        List<QueueChannel> replies = new ArrayList<>();
        List<SctpSendingMessageHandler> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
            replies.add(inbound(client));
            senders.add(outbound(client));
        }
        for (int i = 0; i < 4; i++) {
            senders.get(i).handleMessage(MessageBuilder.withPayload("client-" + i).build());
        }
        Set<String> associations = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Message<?> request = requests.receive(Harness.TIMEOUT.toMillis());
            assertThat(request).isNotNull();
            associations.add((String) request.getHeaders().get(SctpHeaders.ASSOCIATION_ID));
            String text = new String((byte[]) request.getPayload(), UTF_8);
            replier.handleMessage(MessageBuilder.withPayload("reply-to-" + text).copyHeaders(request.getHeaders())
                    .build());
        }
        assertThat(associations).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Message<?> reply = replies.get(i).receive(Harness.TIMEOUT.toMillis());
            assertThat(reply).isNotNull();
            assertThat(new String((byte[]) reply.getPayload(), UTF_8)).isEqualTo("reply-to-client-" + i);
        }
    }

    @Test
    void partialDeliveriesAreReassembledAndAnOversizeMessageGoesToTheErrorChannelAndAbortsItsAssociation() {
        SctpServerAssociationFactory server = harness.server(f -> {
            f.setMaxMessageSize(1000);
            f.setReadBufferSize(256);
        });
        QueueChannel received = new QueueChannel();
        QueueChannel errors = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(received);
        adapter.setErrorChannel(errors);
        harness.endpoint(adapter).start();
        SctpClientAssociationFactory client = harness.client(f -> f.setReconnect(false), Harness.addressOf(server));
        SctpSendingMessageHandler sender = outbound(client);

        sender.handleMessage(MessageBuilder.withPayload(new byte[800]).build());
        assertThat((byte[]) received.receive(Harness.TIMEOUT.toMillis()).getPayload()).hasSize(800);
        String id = server.getOpenAssociationIds().get(0);
        sender.handleMessage(MessageBuilder.withPayload(new byte[1500]).build());

        Message<?> error = errors.receive(Harness.TIMEOUT.toMillis());
        assertThat(error).isNotNull();
        assertThat(((Throwable) error.getPayload()).getMessage())
                .contains("maximum message size of 1000 bytes")
                .contains("was aborted")
                .contains(id);
        assertThat(error.getHeaders()).containsEntry(SctpHeaders.ASSOCIATION_ID, id);
        // a peer that ignores the limit is not read on: its association ends, the client sees it lost
        await().atMost(Harness.TIMEOUT).until(() -> server.getOpenAssociationCount() == 0
                && client.getOpenAssociationCount() == 0);
        assertThat(received.receive(0)).isNull();
    }

    @Test
    void publishesNotificationsAsMessagesToo() {
        SctpServerAssociationFactory server = harness.server(f -> { });
        QueueChannel received = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(received);
        adapter.setPublishNotifications(true);
        harness.endpoint(adapter).start();
        // one local address: a multi-homed client would add PEER_ADDR_CHANGE (ADDR_CONFIRMED) notifications
        // whenever a heartbeat confirms one of its other addresses in time
        SctpClientAssociationFactory client = harness.client(f -> {
            f.setReconnect(false);
            f.setLocalAddress(SctpAddress.parse("127.0.0.1:0"));
        }, Harness.addressOf(server));
        outbound(client).handleMessage(MessageBuilder.withPayload("data").build());
        client.stop();

        Message<?> up = received.receive(Harness.TIMEOUT.toMillis());
        assertThat(up.getPayload()).isInstanceOfSatisfying(AssociationChange.class,
                c -> assertThat(c.state()).isEqualTo(AssociationChange.State.COMM_UP));
        assertThat(up.getHeaders()).containsEntry(SctpHeaders.NOTIFICATION_TYPE, "ASSOC_CHANGE")
                .containsKey(SctpHeaders.ASSOCIATION_ID);
        // Data goes through its stream's lane, notifications straight from the reader: no order between them.
        List<Class<?>> rest = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rest.add(received.receive(Harness.TIMEOUT.toMillis()).getPayload().getClass());
        }
        // the data, the client's SHUTDOWN, then SHUTDOWN_COMP
        assertThat(rest).containsExactlyInAnyOrder(byte[].class, Shutdown.class, AssociationChange.class);
    }

    @Test
    void badOutboundMessagesFailNamingTheAssociationAndCause() {
        SctpServerAssociationFactory server = harness.server(f -> f.setInitOptions(InitOptions.streams(4, 4)));
        inbound(server);
        SctpSendingMessageHandler serverSender = outbound(server);
        SctpClientAssociationFactory client = harness.client(f -> {
            f.setInitOptions(InitOptions.streams(4, 4));
            f.setMaxMessageSize(1000);
        }, Harness.addressOf(server));
        SctpSendingMessageHandler sender = outbound(client);
        sender.handleMessage(MessageBuilder.withPayload("up").build());
        String id = client.getOpenAssociationIds().get(0);

        assertThatThrownBy(() -> sender.handleMessage(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.STREAM_ID, 7).build()))
                .isInstanceOf(MessageHandlingException.class)
                .hasMessageContaining("Stream 7 is beyond the 4 outbound streams")
                .hasMessageContaining(id);
        assertThatThrownBy(() -> sender.handleMessage(MessageBuilder.withPayload(new byte[1001]).build()))
                .isInstanceOf(MessageHandlingException.class)
                .hasMessageContaining("1001 bytes")
                .hasMessageContaining("maximum message size of 1000")
                .hasMessageContaining(id);
        assertThatThrownBy(() -> serverSender.handleMessage(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.ASSOCIATION_ID, "10.9.9.9:1:2:3").build()))
                .isInstanceOf(MessageHandlingException.class)
                .hasMessageContaining("Association '10.9.9.9:1:2:3' is not open on factory '"
                        + server.getComponentName() + "'");
        assertThatThrownBy(() -> serverSender.handleMessage(MessageBuilder.withPayload("x").build()))
                .isInstanceOf(MessageHandlingException.class)
                .hasMessageContaining("No 'sctp_associationId' header");
        assertThatThrownBy(() -> sender.handleMessage(MessageBuilder.withPayload(42).build()))
                .isInstanceOf(MessageHandlingException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void aReplyThatFailsInTheFlowIsLoggedAsAFailedSendNotAsAFailedDelivery() throws Exception {
        SctpServerAssociationFactory server = harness.server(f -> { });
        DirectChannel flow = new DirectChannel();
        // the flow answers on the association after this side began shutting it down: the reply cannot go out
        flow.subscribe(m -> {
            SctpAssociation association = server.getAssociation(
                    (String) m.getHeaders().get(SctpHeaders.ASSOCIATION_ID));
            association.shutdown();
            try {
                association.send("reply".getBytes(UTF_8), SendInfo.DEFAULT);
            } catch (java.io.IOException e) {
                throw new MessageHandlingException(m, "reply failed", e);
            }
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(flow);
        harness.endpoint(adapter).start();
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(SctpReceivingChannelAdapter.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            SctpClientAssociationFactory client = harness.client(f -> f.setReconnect(false),
                    Harness.addressOf(server));
            outbound(client).handleMessage(MessageBuilder.withPayload("request").setHeader(SctpHeaders.STREAM_ID, 2)
                    .build());

            await().atMost(Harness.TIMEOUT).until(() -> logged.stream().anyMatch(r -> r.getLevel() == Level.SEVERE));
            LogRecord record = logged.stream().filter(r -> r.getLevel() == Level.SEVERE).findFirst().orElseThrow();
            assertThat(record.getMessage()).startsWith("Sending in the flow of the message from association ")
                    .contains(" on stream 2 failed and there is no error channel")
                    .doesNotContain("Failed to deliver");
            assertThat(record.getThrown()).hasRootCauseInstanceOf(SctpAssociationException.class);
        } finally {
            log.removeHandler(capture);
        }
    }
}
