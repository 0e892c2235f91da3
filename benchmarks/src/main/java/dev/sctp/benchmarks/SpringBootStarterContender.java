package dev.sctp.benchmarks;

import dev.sctp.SctpAddress;
import dev.sctp.SctpServerSocket;
import dev.sctp.benchmarks.starter.EchoApplication;
import dev.sctp.benchmarks.starter.EchoGateway;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring path as a Boot application writes it with {@code sctp-spring-boot-starter}: properties declare a
 * listener and a request/reply client, a {@code @ServiceActivator} answers each request, and the caller uses a
 * {@code @MessagingGateway} on the client's outbound channel ({@link EchoApplication}, like the demo-app's
 * {@code selftest} mode). Both ends run in one application context in this process, as in the other contenders.
 * Ping-pong only, every round trip timed; a new application context (and association) per run.
 */
public final class SpringBootStarterContender implements Contender {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "Spring Boot starter (@ServiceActivator, @MessagingGateway)";
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
        int port = freePort();
        String address = "127.0.0.1:" + port;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "spring.jmx.enabled=false",
                        "sctp.listen.addresses=" + address,
                        "sctp.clients.bench.addresses=" + address,
                        "sctp.clients.bench.mode=request-reply",
                        "sctp.clients.bench.reply-timeout=" + TIMEOUT.toSeconds() + "s",
                        "sctp.clients.bench.connect-timeout=" + TIMEOUT.toSeconds() + "s")
                .run()) {
            SctpTestUtils.waitListening(context.getBean("sctpListener-default", SctpServerAssociationFactory.class),
                    TIMEOUT);
            // The client may have tried before the listener was up; its reconnect brings the association up.
            SctpTestUtils.waitConnected(context.getBean("sctpClient-bench", SctpClientAssociationFactory.class),
                    TIMEOUT);
            EchoGateway gateway = context.getBean(EchoGateway.class);
            byte[] payload = Payloads.bytes(plan.messageSize());
            return RequestReplyLoop.measure(plan, round -> {
                byte[] reply = gateway.exchange(payload);
                if (reply == null || !Arrays.equals(reply, payload)) {
                    throw new IllegalStateException("request/reply: round trip " + round + " got "
                            + (reply == null ? "no reply within " + TIMEOUT : "a reply of " + reply.length
                            + " bytes that differs from the " + payload.length + "-byte request"));
                }
            });
        }
    }

    /**
     * Returns an SCTP port free on 127.0.0.1 now: the listener and the client's address are properties, fixed before
     * the application starts, so the port cannot be the listener's own choice (port 0).
     */
    private static int freePort() throws IOException {
        try (SctpServerSocket probe = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            return probe.localAddress().port();
        }
    }
}
