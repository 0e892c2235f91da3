package dev.sctp.benchmarks;

import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.dsl.Sctp;
import dev.sctp.integration.test.SctpTestUtils;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;

/**
 * The Spring path, request/reply only: a caller sends through an {@code SctpOutboundGateway}, an
 * {@code SctpInboundGateway} hands each request to a service activator that returns it, and the reply goes back on
 * the same association, all in one application context on dev.sctp, as the Boot starter wires them. Ping-pong only:
 * its one-way figure would be the plain library's.
 */
public final class SpringGatewayContender implements Contender {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "Spring Integration gateways";
    }

    @Override
    public boolean oneWay() {
        return false;
    }

    @Override
    public Results measure(Plan plan) throws Exception {
        if (plan.rounds() == 0) {
            return new Results();
        }
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Server.class)) {
            SctpServerAssociationFactory server = context.getBean("benchServer", SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(server, TIMEOUT);
            IntegrationFlow requester = f -> f.handle(Sctp.outboundGateway(Sctp.client("127.0.0.1", server.getPort())
                    .id("benchClient").connectTimeout(TIMEOUT)));
            IntegrationFlowContext.IntegrationFlowRegistration client = context.getBean(IntegrationFlowContext.class)
                    .registration(requester).register();
            try {
                MessagingTemplate template = new MessagingTemplate();
                template.setReceiveTimeout(TIMEOUT.toMillis());
                MessageChannel requests = client.getInputChannel();
                byte[] payload = Payloads.bytes(plan.messageSize());
                Message<byte[]> request = MessageBuilder.withPayload(payload).build();
                return RequestReplyLoop.measure(plan, round -> {
                    Message<?> reply = template.sendAndReceive(requests, request);
                    if (reply == null || !(reply.getPayload() instanceof byte[] b) || !Arrays.equals(b, payload)) {
                        throw new IllegalStateException("request/reply: round trip " + round + " got "
                                + (reply == null ? "no reply within " + TIMEOUT : "a different reply: " + reply));
                    }
                });
            } finally {
                client.destroy();
            }
        }
    }

    /** The server side: an inbound gateway and a service activator that answers with the request's payload. */
    @Configuration
    @EnableIntegration
    static class Server {

        @Bean
        SctpServerAssociationFactory benchServer() {
            return Sctp.server("127.0.0.1:0").getObject();
        }

        @Bean
        IntegrationFlow echo(SctpServerAssociationFactory benchServer) {
            return IntegrationFlow.from(Sctp.inboundGateway(benchServer))
                    .handle((byte[] payload, MessageHeaders headers) -> payload)
                    .get();
        }
    }
}
