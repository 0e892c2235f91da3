package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.HssClient;
import dev.sctp.boot.autoconfigure.app.UppercaseServer;
import dev.sctp.boot.autoconfigure.health.SctpHealthContributor;
import dev.sctp.boot.autoconfigure.metrics.SctpMetrics;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * A real application with a multi-homed listener and the {@code @ServiceActivator} of the issue, and a second
 * application whose client {@code hss} exchanges messages with it; the meters' values after a known exchange, and the
 * health of both.
 */
@RequiresSctp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(classes = UppercaseServer.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "sctp.listen.addresses=127.0.0.1/127.0.0.2:0", "sctp.listen.streams.outbound=8",
        "sctp.listen.streams.inbound=8", "sctp.metrics.per-stream=true", "sctp.metrics.poll-interval=200ms",
        "management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always" })
class SctpStarterApplicationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    @Qualifier("sctpListener-default")
    SctpServerAssociationFactory listener;

    @Autowired
    MeterRegistry serverRegistry;

    @Autowired
    ConfigurableApplicationContext server;

    ConfigurableApplicationContext client;

    @BeforeAll
    void startClient() {
        SctpTestUtils.waitListening(listener, TIMEOUT);
        client = Apps.run(HssClient.class, "sctp.clients.hss.addresses=127.0.0.1/127.0.0.2:" + listener.getPort(),
                "sctp.clients.hss.streams.outbound=8", "sctp.clients.hss.streams.inbound=8",
                "sctp.metrics.per-stream=true");
        SctpTestUtils.waitConnected(client.getBean(SctpClientAssociationFactory.class), TIMEOUT);
    }

    @AfterAll
    void stopClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void replyGoesBackOnTheSameAssociationAndStream() {
        send("hello", 5);
        Message<?> reply = replies().receive(TIMEOUT.toMillis());
        assertThat(reply).isNotNull();
        assertThat(new String((byte[]) reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("HELLO");
        assertThat(reply.getHeaders()).containsEntry(SctpHeaders.STREAM_ID, 5)
                .containsEntry(SctpHeaders.FACTORY_NAME, "sctpClient-hss");
        String association = client.getBean(SctpClientAssociationFactory.class).getOpenAssociationIds().get(0);
        assertThat(reply.getHeaders()).containsEntry(SctpHeaders.ASSOCIATION_ID, association);
    }

    @Test
    void metersCountAKnownExchange() throws IOException {
        byte[] kib = new byte[1024];
        Arrays.fill(kib, (byte) 'a');
        String payload = new String(kib, StandardCharsets.US_ASCII);
        for (int i = 0; i < 100; i++) {
            send(payload, i % 4);
        }
        Map<Integer, Integer> repliesPerStream = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            Message<?> reply = replies().receive(TIMEOUT.toMillis());
            assertThat(reply).as("reply %d", i).isNotNull();
            assertThat((byte[]) reply.getPayload()).hasSize(1024);
            repliesPerStream.merge((Integer) reply.getHeaders().get(SctpHeaders.STREAM_ID), 1, Integer::sum);
        }
        assertThat(repliesPerStream).containsOnly(Map.entry(0, 25), Map.entry(1, 25), Map.entry(2, 25),
                Map.entry(3, 25));
        MeterRegistry clientRegistry = client.getBean(MeterRegistry.class);
        for (int stream = 0; stream < 4; stream++) {
            String s = Integer.toString(stream);
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertData(serverRegistry, "sctp.data.received", "default", "server", s);
                assertData(serverRegistry, "sctp.data.sent", "default", "server", s);
                assertData(clientRegistry, "sctp.data.sent", "hss", "client", s);
                assertData(clientRegistry, "sctp.data.received", "hss", "client", s);
            });
        }
        assertThat(serverRegistry.get("sctp.associations.active").tag("name", "default").gauge().value())
                .isEqualTo(1);
        assertThat(serverRegistry.get("sctp.associations.established").tag("name", "default").counter().count())
                .isEqualTo(1);
        assertThat(clientRegistry.get("sctp.associations.established").tag("name", "hss").tag("role", "client")
                .counter().count()).isEqualTo(1);
        server.getBean(SctpMetrics.class).poll();
        assertThat(serverRegistry.get("sctp.rto").tag("name", "default").timeGauge().value()).isPositive();
        assertThat(serverRegistry.get("sctp.srtt").tag("name", "default").timeGauge().value()).isNotNaN();
        assertThat(serverRegistry.get("sctp.peer.rwnd").tag("name", "default").gauge().value()).isPositive();
        // what the kernel counted for the open association (SCTP_GET_ASSOC_STATS), as of the poll above
        long retransmitted = 0;
        for (SctpAssociation association : server.getBean(SctpServerAssociationFactory.class).getAssociations()) {
            retransmitted += association.associationStats().retransmittedChunks();
        }
        assertThat(serverRegistry.get("sctp.retransmissions").tag("name", "default").functionCounter().count())
                .isEqualTo(retransmitted);
        String scrape = new String(server.getBean(PrometheusScrapeEndpoint.class)
                .scrape(PrometheusOutputFormat.CONTENT_TYPE_004, null).getBody(), StandardCharsets.UTF_8);
        assertThat(scrape).contains("sctp_data_received_bytes_count{name=\"default\",role=\"server\",stream=\"2\"} 25")
                .contains("sctp_data_received_bytes_sum{name=\"default\",role=\"server\",stream=\"2\"} 25600");
    }

    private static void assertData(MeterRegistry registry, String meter, String name, String role, String stream) {
        DistributionSummary summary = registry.get(meter).tag("name", name).tag("role", role).tag("stream", stream)
                .summary();
        assertThat(summary.count()).as("%s %s stream %s", meter, name, stream).isEqualTo(25);
        assertThat(summary.totalAmount()).as("%s %s stream %s bytes", meter, name, stream).isEqualTo(25 * 1024);
    }

    @Test
    void healthReportsListenerAndClientWithTheirPaths() {
        Health listenerHealth = health(server.getBean(SctpHealthContributor.class), "listeners", "default");
        assertThat(listenerHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(listenerHealth.getDetails()).containsEntry("listening", true).containsEntry("associations", 1)
                .containsEntry("boundAddresses", "127.0.0.1/127.0.0.2:" + listener.getPort());
        Health clientHealth = health(client.getBean(SctpHealthContributor.class), "clients", "hss");
        assertThat(clientHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(clientHealth.getDetails()).containsEntry("connected", true).containsEntry("pathsActive", 2L)
                .containsEntry("pathsInactive", 0L)
                .containsEntry("peerAddresses", "127.0.0.1/127.0.0.2:" + listener.getPort());
        Health kernel = ((HealthIndicator) server.getBean(SctpHealthContributor.class).getContributor("kernel"))
                .health(true);
        assertThat(kernel.getStatus()).isEqualTo(Status.UP);
    }

    private void send(String payload, int stream) {
        client.getBean("hssOutbound", MessageChannel.class)
                .send(MessageBuilder.withPayload(payload).setHeader(SctpHeaders.STREAM_ID, stream).build());
    }

    private QueueChannel replies() {
        return client.getBean("hssInbound", QueueChannel.class);
    }

    static Health health(CompositeHealthContributor root, String group, String name) {
        CompositeHealthContributor composite = (CompositeHealthContributor) root.getContributor(group);
        return ((HealthIndicator) composite.getContributor(name)).health(true);
    }
}
