package dev.sctp.integration.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.RequiresSctp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The headers of received messages stay those of each message and its association while the mapper reuses boxed
 * values and address headers from message to message: the stream, PPID and context follow every change, and each
 * association keeps its own id, ports and addresses.
 */
@RequiresSctp
class ReceivedHeaderValuesTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private QueueChannel inbound(AbstractSctpAssociationFactory factory) {
        QueueChannel channel = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(factory);
        adapter.setOutputChannel(channel);
        harness.endpoint(adapter).start();
        return channel;
    }

    private SctpSendingMessageHandler outbound(AbstractSctpAssociationFactory factory) {
        SctpSendingMessageHandler handler = new SctpSendingMessageHandler();
        handler.setAssociationFactory(factory);
        harness.endpoint(handler).start();
        return handler;
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamAndPpidHeadersFollowEveryChangeAcrossAssociationsWithEachAssociationsOwnAddresses() throws Exception {
        SctpServerAssociationFactory server = harness.server(f -> { });
        QueueChannel received = inbound(server);
        SctpClientAssociationFactory first = harness.client(f -> { }, Harness.addressOf(server));
        SctpClientAssociationFactory second = harness.client(f -> { }, Harness.addressOf(server));
        SctpSendingMessageHandler[] senders = {outbound(first), outbound(second)};
        SctpAssociation[] clients = {first.getAssociation(), second.getAssociation()};
        // {stream, PPID}: repeats and changes, inside and beyond Integer's cache of -128..127, a PPID above 2^31
        int[][] sends = {{0, 46}, {0, 46}, {3, 1234}, {3, 1234}, {0, 46}, {5, 0xF0000001}, {1, 1234}, {1, 46},
            {1, 1234}};

        for (int i = 0; i < sends.length; i++) {
            int from = i % 2;
            int[] send = sends[i];
            senders[from].handleMessage(MessageBuilder.withPayload(new byte[] {(byte) i})
                    .setHeader(SctpHeaders.STREAM_ID, send[0]).setHeader(SctpHeaders.PPID, send[1]).build());

            Message<?> message = received.receive(Harness.TIMEOUT.toMillis());
            assertThat(message).as("message %d", i).isNotNull();
            assertThat((byte[]) message.getPayload()).containsExactly((byte) i);
            MessageHeaders headers = message.getHeaders();
            assertThat(headers).as("message %d", i)
                    .containsEntry(SctpHeaders.STREAM_ID, send[0])
                    .containsEntry(SctpHeaders.PPID, send[1])
                    .containsEntry(SctpHeaders.REMOTE_PORT, clients[from].getLocalAddress().port())
                    .containsEntry(SctpHeaders.LOCAL_PORT, server.getPort())
                    .containsEntry(SctpHeaders.PRIMARY_ADDRESS, "127.0.0.1")
                    .containsEntry(SctpHeaders.FACTORY_NAME, server.getComponentName());
            // the context is the receiver's own (sctp_context of its socket), not the sender's: 0 by default
            assertThat(headers).containsEntry(SctpHeaders.CONTEXT, 0);
            String id = (String) headers.get(SctpHeaders.ASSOCIATION_ID);
            SctpAssociation association = server.getAssociation(id);
            assertThat(association).as("message %d", i).isNotNull();
            assertThat(association.getRemoteAddress().port()).isEqualTo(clients[from].getLocalAddress().port());
            assertThat((List<Object>) headers.get(SctpHeaders.REMOTE_ADDRESSES)).contains("127.0.0.1");
            assertThat((List<Object>) headers.get(SctpHeaders.LOCAL_ADDRESSES)).contains("127.0.0.1");
        }
    }
}
