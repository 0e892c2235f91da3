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
        Results results = new Results();
        if (plan.rounds() == 0) {
            return results;
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
            for (int i = 0; i < plan.warmups() + plan.iterations(); i++) {
                Results.PingPong run = pingPong(gateway, payload, plan);
                if (i >= plan.warmups()) {
                    results.add(run);
                }
            }
        }
        return results;
    }

    private static Results.PingPong pingPong(EchoGateway gateway, byte[] payload, Plan plan) {
        long[] rtt = new long[plan.rounds()];
        long cpu = Results.processCpuNanos();
        // inside the CPU window, so that reading the CPU time is not counted as allocation
        AllocationMeter allocation = AllocationMeter.start();
        long start = System.nanoTime();
        long deadline = start + plan.budgetNanos();
        long t = start;
        int rounds = 0;
        while (rounds < plan.rounds()) {
            byte[] reply = gateway.exchange(payload);
            if (reply == null || !Arrays.equals(reply, payload)) {
                throw new IllegalStateException("request/reply: round trip " + rounds + " got "
                        + (reply == null ? "no reply within " + TIMEOUT : "a reply of " + reply.length
                        + " bytes that differs from the " + payload.length + "-byte request"));
            }
            long now = System.nanoTime();
            rtt[rounds++] = now - t;
            t = now;
            if (now > deadline) {
                break;
            }
        }
        long allocated = AllocationMeter.stop(allocation, 0);
        cpu = cpu < 0 ? -1 : Results.processCpuNanos() - cpu;
        return Results.PingPong.of(rtt, rounds, t - start, cpu, allocated);
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
