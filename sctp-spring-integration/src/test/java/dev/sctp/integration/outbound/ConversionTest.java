package dev.sctp.integration.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.integration.support.SctpHeaderMapper;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.support.SctpMessageMetadata;
import dev.sctp.integration.support.SctpPayloadConverter;
import dev.sctp.integration.support.SctpSendInfoResolver;
import dev.sctp.testing.RequiresKernelSctp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.integration.mapping.HeaderMapper;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;

/** POJO payloads through a MessageConverter over a real association, and the header mapper as SI's HeaderMapper. */
@RequiresKernelSctp
class ConversionTest {

    record Question(String text) {
    }

    record Answer(String text, int length) {
    }

    /** A small key=value;key=value codec for the two records. */
    static final class KeyValueConverter implements MessageConverter {

        @Override
        public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : new String((byte[]) message.getPayload(), UTF_8).split(";")) {
                String[] kv = pair.split("=", 2);
                fields.put(kv[0], kv[1]);
            }
            if (targetClass == Question.class) {
                return new Question(fields.get("q"));
            }
            if (targetClass == Answer.class) {
                return new Answer(fields.get("a"), Integer.parseInt(fields.get("n")));
            }
            return null;
        }

        @Override
        public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
            String text;
            if (payload instanceof Question q) {
                text = "q=" + q.text();
            } else if (payload instanceof Answer a) {
                text = "a=" + a.text() + ";n=" + a.length();
            } else {
                return null;
            }
            return MessageBuilder.withPayload(text.getBytes(UTF_8)).build();
        }
    }

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aPojoRequestAndAPojoReplyCrossTheAssociationThroughTheConverter() {
        KeyValueConverter converter = new KeyValueConverter();
        List<String> onTheWire = new CopyOnWriteArrayList<>();
        SctpServerAssociationFactory server = harness.server(f -> { });
        DirectChannel requests = new DirectChannel();
        requests.subscribe(new ServiceActivatingHandler((MessageProcessor<Object>) m -> {
            Question q = (Question) m.getPayload();
            return new Answer(q.text().toUpperCase(), q.text().length());
        }));
        SctpInboundGateway inbound = new SctpInboundGateway();
        inbound.setAssociationFactory(server);
        inbound.setRequestChannel(requests);
        SctpPayloadConverter toQuestion = new SctpPayloadConverter();
        toQuestion.setPayloadType(Question.class);
        toQuestion.setMessageConverter(converter);
        inbound.setPayloadConverter(toQuestion);
        inbound.getSendInfoResolver().setMessageConverter(converter);
        harness.endpoint(inbound).start();
        Harness.started(server);
        SctpClientAssociationFactory client = harness.client(f -> f.addObserver(
                new dev.sctp.integration.connection.SctpAssociationObserver() {
                    @Override
                    public void messageReceived(dev.sctp.integration.connection.SctpAssociation association,
                            int streamId, int bytes) {
                        onTheWire.add("received " + bytes + " bytes");
                    }
                }), Harness.addressOf(server));
        SctpOutboundGateway outbound = new SctpOutboundGateway();
        outbound.setAssociationFactory(client);
        outbound.getSendInfoResolver().setMessageConverter(converter);
        SctpPayloadConverter toAnswer = new SctpPayloadConverter();
        toAnswer.setPayloadType(Answer.class);
        toAnswer.setMessageConverter(converter);
        outbound.setPayloadConverter(toAnswer);
        QueueChannel replies = new QueueChannel();
        outbound.setOutputChannel(replies);
        harness.endpoint(outbound).start();

        outbound.handleMessage(MessageBuilder.withPayload(new Question("sctp")).build());

        Message<?> reply = replies.receive(Harness.TIMEOUT.toMillis());
        assertThat(reply.getPayload()).isEqualTo(new Answer("SCTP", 4));
        // the reply crossed as the converter's encoding, "a=SCTP;n=4": 10 bytes
        assertThat(onTheWire).containsExactly("received 10 bytes");
    }

    @Test
    void aPojoWithoutAConverterOrOneTheConverterCannotEncodeIsRefusedNamingTheTypeAndTheFix() {
        SctpSendInfoResolver resolver = new SctpSendInfoResolver();
        Message<Question> pojo = MessageBuilder.withPayload(new Question("x")).build();
        assertThatThrownBy(() -> resolver.payloadBytes(pojo)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Question.class.getName()).hasMessageContaining("setMessageConverter");
        resolver.setMessageConverter(new KeyValueConverter());
        assertThat(new String(resolver.payloadBytes(pojo), UTF_8)).isEqualTo("q=x");
        assertThatThrownBy(() -> resolver.payloadBytes(MessageBuilder.withPayload(List.of(1)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KeyValueConverter")
                .hasMessageContaining("must produce byte[] or String");
    }

    @Test
    void theHeaderMapperIsASpringIntegrationHeaderMapperBothWays() {
        HeaderMapper<SctpMessageMetadata> mapper = new SctpHeaderMapper();
        SctpMessageMetadata outbound = SctpMessageMetadata.outbound(SendInfo.of(1, 46));
        mapper.fromHeaders(MessageBuilder.withPayload("x").setHeader(SctpHeaders.STREAM_ID, 3)
                .setHeader(SctpHeaders.LIFETIME, "500ms").build().getHeaders(), outbound);
        assertThat(outbound.getSendInfo().streamId()).isEqualTo(3);
        assertThat(outbound.getSendInfo().ppid()).isEqualTo(46); // no header: the default stays
        assertThat(outbound.getSendInfo().prValue()).isEqualTo(500);
        Map<String, Object> headers = mapper.toHeaders(outbound);
        assertThat(headers).containsEntry(SctpHeaders.STREAM_ID, 3).containsEntry(SctpHeaders.PPID, 46)
                .containsEntry(SctpHeaders.UNORDERED, false);
        assertThatThrownBy(() -> mapper.fromHeaders(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.STREAM_ID, "three").build().getHeaders(), outbound))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SctpHeaders.STREAM_ID);
    }
}
