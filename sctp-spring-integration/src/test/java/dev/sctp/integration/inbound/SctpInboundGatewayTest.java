package dev.sctp.integration.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.test.RequiresSctp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

/** What the inbound gateway does with a reply it cannot send: report it, with its payload, never drop it. */
@RequiresSctp
class SctpInboundGatewayTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aReplyThatCannotBeSentGoesToTheErrorChannelWithItsPayload() {
        SctpServerAssociationFactory server = harness.server(f -> f.setMaxMessageSize(64));
        DirectChannel requests = new DirectChannel();
        requests.subscribe(new ServiceActivatingHandler((MessageProcessor<Object>) m -> new byte[1000]));
        QueueChannel errors = new QueueChannel();
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(server);
        gateway.setRequestChannel(requests);
        gateway.setErrorChannel(errors);
        harness.endpoint(gateway).start();
        SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
        SctpSendingMessageHandler sender = new SctpSendingMessageHandler();
        sender.setAssociationFactory(client);
        harness.endpoint(sender).start();

        sender.handleMessage(MessageBuilder.withPayload("request").build());

        Message<?> error = errors.receive(Harness.TIMEOUT.toMillis());
        assertThat(error).isInstanceOf(ErrorMessage.class);
        MessagingException failure = (MessagingException) error.getPayload();
        assertThat(failure).hasMessageContaining("Failed to send the reply to association")
                .hasMessageContaining("maximum message size of 64 bytes");
        assertThat(failure.getFailedMessage()).isNotNull();
        assertThat((byte[]) failure.getFailedMessage().getPayload()).hasSize(1000);
    }
}
