package dev.sctp.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.GatedServer;
import dev.sctp.boot.autoconfigure.app.PythonPeer;
import dev.sctp.boot.autoconfigure.gatewayapp.RequestReplyClient;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Back-pressure gauges under a real slow handler: pending deliveries and sends in flight of a listener whose
 * handler waits and whose Python peer does not read, and the streams an outbound gateway holds while its request
 * waits. Each gauge must rise while the work is held and return to 0 once it is let through.
 */
@RequiresSctp
class SctpBackPressureMetersTests {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @Test
    void pendingDeliveriesAndSendsInFlightRiseUnderASlowHandlerAndASlowPeerThenReturnToZero() throws Exception {
        try (ConfigurableApplicationContext app = Apps.run(GatedServer.class, "sctp.listen.addresses=127.0.0.1:0",
                "sctp.listen.max-pending-deliveries=4", "sctp.listen.send-timeout=5m",
                "sctp.metrics.per-association=true")) {
            SctpServerAssociationFactory listener = app.getBean(SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(listener, TIMEOUT);
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            try (PythonPeer peer = PythonPeer.connect("127.0.0.2", listener.getPort(), 40, 4000, true)) {
                peer.await("SENT");
                // the handler holds every request: the reader stops at max-pending-deliveries
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    assertThat(gauge(registry, "sctp.deliveries.pending")).isEqualTo(4);
                    assertThat(registry.get("sctp.association.deliveries.pending").tag("association", peer.tag())
                            .gauge().value()).isEqualTo(4);
                });
                assertThat(gauge(registry, "sctp.sends.in-flight")).isZero();

                // the handler answers, but the peer reads nothing: 160 kB of replies back up into a send
                app.getBean(GatedServer.Gate.class).open();
                await().atMost(TIMEOUT).untilAsserted(
                        () -> assertThat(gauge(registry, "sctp.sends.in-flight")).isPositive());
                assertThat(gauge(registry, "sctp.deliveries.pending")).isPositive();

                peer.readReplies();
                peer.await("DONE");
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    assertThat(gauge(registry, "sctp.sends.in-flight")).isZero();
                    assertThat(gauge(registry, "sctp.deliveries.pending")).isZero();
                });
                // counted just after each send returns, so possibly after the peer has read the last reply
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(registry.get("sctp.data.sent")
                        .tag("name", "default").summary().count()).isEqualTo(40));
            }
        }
    }

    @Test
    void gatewayStreamsInUseRiseWhileARequestWaitsThenReturnToZero() throws Exception {
        try (ConfigurableApplicationContext server = Apps.run(GatedServer.class,
                "sctp.listen.addresses=127.0.0.1:0")) {
            SctpServerAssociationFactory listener = server.getBean(SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(listener, TIMEOUT);
            try (ConfigurableApplicationContext client = Apps.run(RequestReplyClient.class,
                    "sctp.clients.hss.addresses=127.0.0.1:" + listener.getPort(), "sctp.clients.hss.mode=request-reply",
                    "sctp.clients.hss.reply-timeout=2m", "sctp.clients.hss.payload-type=string")) {
                SctpTestUtils.waitConnected(client.getBean(SctpClientAssociationFactory.class), TIMEOUT);
                MeterRegistry registry = client.getBean(MeterRegistry.class);
                assertThat(streamsInUse(registry)).isZero();
                RequestReplyClient.Hss hss = client.getBean(RequestReplyClient.Hss.class);
                CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> hss.ask("cer"));
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(streamsInUse(registry)).isEqualTo(1));
                server.getBean(GatedServer.Gate.class).open();
                assertThat(answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("CER");
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(streamsInUse(registry)).isZero());
                assertThat(registry.get("sctp.gateway.streams.held").gauge().value()).isZero();
            }
        }
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).tag("name", "default").tag("role", "server").gauge().value();
    }

    private static double streamsInUse(MeterRegistry registry) {
        return registry.get("sctp.gateway.streams.in-use").gauge().value();
    }
}
