package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.UppercaseServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The meters appear at {@code /actuator/metrics} and {@code /actuator/prometheus}, and the health at
 * {@code /actuator/health}, when those are on the classpath. Opens no socket (auto-startup off).
 */
class ActuatorEndpointsTests {

    @Test
    void metersAndHealthAreExposed() {
        try (ConfigurableApplicationContext ctx = Apps.run(UppercaseServer.class, "sctp.listen.addresses=127.0.0.1:0",
                "sctp.listen.auto-startup=false", "management.endpoint.health.show-details=always")) {
            MetricsEndpoint metrics = ctx.getBean(MetricsEndpoint.class);
            assertThat(metrics.listNames().getNames()).contains("sctp.associations.active",
                    "sctp.associations.established", "sctp.data.received", "sctp.data.sent", "sctp.retransmissions",
                    "sctp.srtt", "sctp.rto", "sctp.peer.rwnd", "sctp.chunks.unacked", "sctp.chunks.pending");
            assertThat(metrics.metric("sctp.data.received", java.util.List.of("name:default")).getBaseUnit())
                    .isEqualTo("bytes");
            String scrape = new String(ctx.getBean(PrometheusScrapeEndpoint.class).scrape(PrometheusOutputFormat.CONTENT_TYPE_004, null).getBody(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(scrape).contains("sctp_associations_active{name=\"default\",role=\"server\"} 0")
                    .contains("sctp_data_received_bytes_count{name=\"default\",role=\"server\"} 0")
                    .contains("sctp_associations_established_total{name=\"default\",role=\"server\"} 0")
                    .contains("sctp_srtt_seconds{");
            assertThat(ctx.getBean(HealthEndpoint.class).healthForPath("sctp", "listeners", "default")).isNotNull();
        }
    }
}
