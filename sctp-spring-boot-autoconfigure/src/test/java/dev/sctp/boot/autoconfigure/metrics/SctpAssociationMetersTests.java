package dev.sctp.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.PythonPeer;
import dev.sctp.boot.autoconfigure.app.UppercaseServer;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Per-association meters ({@code sctp.metrics.per-association}) of a real listener talking to Python peers in other
 * processes, each bound to its own loopback address: values follow each peer's own traffic, the cap counts the
 * associations open now, and an association's meters leave the registry when it ends.
 */
@RequiresSctp
class SctpAssociationMetersTests {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @Test
    void eachAssociationIsMeasuredAloneUpToTheCapAndItsMetersLeaveWithIt() throws Exception {
        try (ConfigurableApplicationContext app = Apps.run(UppercaseServer.class,
                "sctp.listen.addresses=127.0.0.1:0", "sctp.metrics.per-association=true",
                "sctp.metrics.max-association-tags=2")) {
            SctpServerAssociationFactory listener = app.getBean(SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(listener, TIMEOUT);
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            int port = listener.getPort();
            try (PythonPeer a = PythonPeer.connect("127.0.0.2", port, 10, 1000, false);
                    PythonPeer b = PythonPeer.connect("127.0.0.3", port, 5, 3000, false)) {
                a.await("DONE");
                b.await("DONE");
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    assertData(registry, "sctp.association.data.received", a.tag(), 10, 10_000);
                    assertData(registry, "sctp.association.data.sent", a.tag(), 10, 10_000);
                    assertData(registry, "sctp.association.data.received", b.tag(), 5, 15_000);
                    assertData(registry, "sctp.association.data.sent", b.tag(), 5, 15_000);
                });
                // status polled per association on the application's task scheduler
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    assertThat(registry.get("sctp.association.rto").tag("association", a.tag()).timeGauge()
                            .value(TimeUnit.MILLISECONDS)).isPositive();
                    assertThat(registry.get("sctp.association.peer.rwnd").tag("association", b.tag()).gauge()
                            .value()).isPositive();
                });
                assertThat(registry.get("sctp.association.deliveries.pending").tag("association", a.tag()).gauge()
                        .value()).isZero();

                // a third peer is over the cap of 2: only the aggregates count it
                try (PythonPeer c = PythonPeer.connect("127.0.0.1", port, 4, 500, false)) {
                    c.await("DONE");
                    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(registry.get("sctp.data.received")
                            .tag("name", "default").summary().count()).isEqualTo(19));
                    assertThat(registry.find("sctp.association.data.received").tag("association", c.tag())
                            .summary()).isNull();
                    assertThat(registry.find("sctp.association.data.received").summaries()).hasSize(2);

                    // a leaves: its meters go, and its slot is free for the next association
                    a.shutdown();
                    await().atMost(TIMEOUT).until(() -> registry.find("sctp.association.data.received")
                            .tag("association", a.tag()).summary() == null);
                    assertThat(registry.getMeters()).noneMatch(m -> a.tag().equals(m.getId().getTag("association")));
                    try (PythonPeer d = PythonPeer.connect("127.0.0.2", port, 3, 700, false)) {
                        d.await("DONE");
                        await().atMost(TIMEOUT).untilAsserted(() -> assertData(registry,
                                "sctp.association.data.received", d.tag(), 3, 2100));
                    }
                }
            }
        }
    }

    private static void assertData(MeterRegistry registry, String meter, String association, long count,
            double bytes) {
        DistributionSummary summary = registry.get(meter).tag("name", "default").tag("role", "server")
                .tag("association", association).summary();
        assertThat(summary.count()).as("%s of %s", meter, association).isEqualTo(count);
        assertThat(summary.totalAmount()).as("%s bytes of %s", meter, association).isEqualTo(bytes);
    }
}
