package dev.sctp.integration.dsl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationInterceptor;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.event.SctpAssociationOpenedEvent;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Flows built with the {@link Sctp} DSL in an application context. */
@RequiresSctp
@SpringJUnitConfig
@DirtiesContext
class SctpDslTest {

    @Autowired
    private IntegrationFlowContext flows;

    @Autowired
    private SctpServerAssociationFactory echoServer;

    @Autowired
    private SctpServerAssociationFactory sinkServer;

    @Autowired
    private QueueChannel sink;

    @Autowired
    private Config config;

    @Test
    void gatewaysAndAdaptersBuiltWithTheDslRoundTrip() {
        SctpTestUtils.waitListening(echoServer, Harness.TIMEOUT);
        SctpTestUtils.waitListening(sinkServer, Harness.TIMEOUT);
        QueueChannel replies = new QueueChannel();
        IntegrationFlow requester = f -> f
                .handle(Sctp.outboundGateway(Sctp.client("127.0.0.1", echoServer.getPort()).id("dslClient")
                        .connectTimeout(Harness.TIMEOUT)).ppid(46).stringPayloads())
                .channel(replies);
        IntegrationFlowContext.IntegrationFlowRegistration requests = flows.registration(requester).register();
        IntegrationFlow sender = f -> f.handle(Sctp.outboundAdapter(Sctp.client("127.0.0.1:" + sinkServer.getPort())
                .id("dslSender")).streamIdExpression("headers['lane']").ppid(7));
        IntegrationFlowContext.IntegrationFlowRegistration sends = flows.registration(sender).register();
        try {
            requests.getInputChannel().send(MessageBuilder.withPayload("ping").build());
            Message<?> reply = replies.receive(Harness.TIMEOUT.toMillis());
            assertThat(reply).isNotNull();
            assertThat(reply.getPayload()).isEqualTo("PING");
            assertThat(reply.getHeaders()).containsEntry(SctpHeaders.PPID, 46);

            sends.getInputChannel().send(MessageBuilder.withPayload("to-sink").setHeader("lane", 3).build());
            Message<?> sunk = sink.receive(Harness.TIMEOUT.toMillis());
            assertThat(sunk).isNotNull();
            assertThat(sunk.getPayload()).isEqualTo("to-sink");
            assertThat(sunk.getHeaders()).containsEntry(SctpHeaders.STREAM_ID, 3).containsEntry(SctpHeaders.PPID, 7);
            assertThat(config.opened).hasSizeGreaterThanOrEqualTo(4);
        } finally {
            requests.destroy();
            sends.destroy();
        }
    }

    @Test
    void gatewaySpecsTakeStreamAndPpidFunctionsAndReplySendSettings(
            @Autowired org.springframework.context.ApplicationContext context) {
        IntegrationFlow serverFlow = IntegrationFlow.from(Sctp.inboundGateway(Sctp.server("127.0.0.1:0")
                        .id("fnServer")).stringPayloads().ppidExpression("77"))
                .handle((String payload, org.springframework.messaging.MessageHeaders headers) -> payload + "@"
                        + headers.get(SctpHeaders.STREAM_ID) + "/" + headers.get(SctpHeaders.PPID))
                .get();
        IntegrationFlowContext.IntegrationFlowRegistration server = flows.registration(serverFlow).register();
        try {
            SctpServerAssociationFactory fnServer = context.getBean("fnServer", SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(fnServer, Harness.TIMEOUT);
            QueueChannel replies = new QueueChannel();
            IntegrationFlow requester = f -> f
                    .handle(Sctp.outboundGateway(Sctp.client("127.0.0.1", fnServer.getPort()).id("fnClient")
                            .connectTimeout(Harness.TIMEOUT)).streamIdFunction(m -> 3).ppidFunction(m -> 99)
                            .stringPayloads())
                    .channel(replies);
            IntegrationFlowContext.IntegrationFlowRegistration client = flows.registration(requester).register();
            try {
                client.getInputChannel().send(MessageBuilder.withPayload("ping").build());
                Message<?> reply = replies.receive(Harness.TIMEOUT.toMillis());
                assertThat(reply).isNotNull();
                assertThat(reply.getPayload()).isEqualTo("ping@3/99");
                assertThat(reply.getHeaders()).containsEntry(SctpHeaders.PPID, 77)
                        .containsEntry(SctpHeaders.STREAM_ID, 3);
            } finally {
                client.destroy();
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void factorySpecsSetInterceptorsAndObservationsAndTheClientsFailback(
            @Autowired org.springframework.context.ApplicationContext context) {
        SctpTestUtils.waitListening(echoServer, Harness.TIMEOUT);
        List<String> audit = new CopyOnWriteArrayList<>();
        SctpAssociationInterceptor auditor = new SctpAssociationInterceptor() {
            @Override
            public byte[] onSend(SctpAssociation association, byte[] payload, SendInfo info) {
                audit.add("out:" + new String(payload, UTF_8));
                return payload;
            }

            @Override
            public Message<byte[]> onReceive(SctpAssociation association, Message<byte[]> message, Sender next) {
                audit.add("in:" + new String(message.getPayload(), UTF_8));
                return message;
            }
        };
        ObservationRegistry observations = ObservationRegistry.create();
        QueueChannel replies = new QueueChannel();
        IntegrationFlow requester = f -> f
                .handle(Sctp.outboundGateway(Sctp.client("127.0.0.1", echoServer.getPort()).id("auditedClient")
                        .connectTimeout(Harness.TIMEOUT).interceptors(() -> auditor).observationRegistry(observations)
                        .failbackInterval(Duration.ofSeconds(30)).readBufferSize(4096)).stringPayloads())
                .channel(replies);
        IntegrationFlowContext.IntegrationFlowRegistration client = flows.registration(requester).register();
        try {
            client.getInputChannel().send(MessageBuilder.withPayload("audited").build());
            assertThat(replies.receive(Harness.TIMEOUT.toMillis())).isNotNull()
                    .satisfies(m -> assertThat(m.getPayload()).isEqualTo("AUDITED"));
            assertThat(audit).containsExactly("out:audited", "in:AUDITED");
            SctpClientAssociationFactory audited = context.getBean("auditedClient",
                    SctpClientAssociationFactory.class);
            assertThat(audited.getObservationRegistry()).isSameAs(observations);
            assertThat(audited.getFailbackInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(audited.getReadBufferSize()).isEqualTo(4096);
        } finally {
            client.destroy();
        }
    }

    @Configuration
    @EnableIntegration
    static class Config {

        final List<SctpAssociationOpenedEvent> opened = new CopyOnWriteArrayList<>();

        @EventListener
        void onOpened(SctpAssociationOpenedEvent event) {
            opened.add(event);
        }

        @Bean
        SctpServerAssociationFactory echoServer() {
            return Sctp.server("127.0.0.1:0").getObject();
        }

        @Bean
        IntegrationFlow echo(SctpServerAssociationFactory echoServer) {
            return IntegrationFlow.from(Sctp.inboundGateway(echoServer).stringPayloads())
                    .<String, String>transform(String::toUpperCase)
                    .get();
        }

        @Bean
        QueueChannel sink() {
            return new QueueChannel();
        }

        @Bean
        SctpServerAssociationFactory sinkServer() {
            return Sctp.server("127.0.0.1:0").getObject();
        }

        @Bean
        IntegrationFlow sinkFlow(SctpServerAssociationFactory sinkServer) {
            return IntegrationFlow.from(Sctp.inboundAdapter(sinkServer).stringPayloads()).channel(sink()).get();
        }

        @Bean
        IntegrationFlow fromSpec() {
            return IntegrationFlow.from(Sctp.inboundAdapter(Sctp.server(0).id("specServer").backlog(16)))
                    .channel(sink())
                    .get();
        }
    }

    @Test
    void specBuiltFactoryIsRegisteredAsABeanAndReceives(
            @Autowired org.springframework.context.ApplicationContext context) throws Exception {
        SctpServerAssociationFactory spec = context.getBean("specServer", SctpServerAssociationFactory.class);
        SctpTestUtils.waitListening(spec, Harness.TIMEOUT);
        assertThat(spec.getBacklog()).isEqualTo(16);
        try (SctpSocket peer = SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + spec.getPort()), Harness.TIMEOUT)) {
            peer.send("through-spec".getBytes(UTF_8), SendInfo.stream(0));
            Message<?> received = sink.receive(Harness.TIMEOUT.toMillis());
            assertThat(received).isNotNull();
            assertThat((byte[]) received.getPayload()).isEqualTo("through-spec".getBytes(UTF_8));
            assertThat(received.getHeaders()).containsEntry(SctpHeaders.FACTORY_NAME, "specServer");
        }
    }
}
