package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.DslOnlyServer;
import dev.sctp.boot.autoconfigure.health.SctpHealthContributor;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application whose only SCTP endpoint is built by a DSL flow, with no sctp.* property: its factory gets meters
 * and health as auto-configured ones do.
 */
@RequiresSctp
class SctpDslOnlyApplicationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aDslBuiltFactoryIsMeasuredAndReported() throws Exception {
        try (ConfigurableApplicationContext app = Apps.run(DslOnlyServer.class)) {
            SctpServerAssociationFactory factory = app.getBean(SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(factory, TIMEOUT);
            String name = SctpEndpointNames.nameOf(factory);
            try (SctpSocket peer = SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + factory.getPort()), TIMEOUT)) {
                peer.setReadTimeout(TIMEOUT);
                peer.send("dsl".getBytes(StandardCharsets.UTF_8), SendInfo.of(0, 0));
                byte[] buffer = new byte[64];
                int n = peer.receive(buffer, 0, buffer.length, new ReceiveInfo());
                assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).isEqualTo("DSL");
            }
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            await().atMost(TIMEOUT).untilAsserted(() -> {
                DistributionSummary received = registry.find("sctp.data.received").tag("name", name)
                        .tag("role", "server").summary();
                assertThat(received).as("sctp.data.received of %s", name).isNotNull();
                assertThat(received.count()).isEqualTo(1);
                assertThat(received.totalAmount()).isEqualTo(3);
                Counter established = registry.find("sctp.associations.established").tag("name", name).counter();
                assertThat(established).isNotNull();
                assertThat(established.count()).isEqualTo(1);
            });
            CompositeHealthContributor listeners = (CompositeHealthContributor) app
                    .getBean(SctpHealthContributor.class).getContributor("listeners");
            assertThat(listeners).isNotNull();
            HealthIndicator listener = (HealthIndicator) listeners.getContributor(name);
            assertThat(listener).as("health of %s", name).isNotNull();
            assertThat(listener.health(true).getStatus()).isEqualTo(Status.UP);
        }
    }
}
