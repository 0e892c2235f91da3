package dev.sctp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SendInfo;
import dev.sctp.SctpOptions;
import dev.sctp.integration.connection.SctpAssociation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard under {@code demo-app/grafana} only queries series the running demo exports at
 * {@code /actuator/prometheus}, and covers what it promises: associations, per-stream throughput, srtt/rto,
 * retransmissions, peer window, path changes and send failures.
 */
class GrafanaDashboardTests extends DemoServerContext {

    private static final Pattern SERIES = Pattern.compile("\\bsctp_[a-z_]+\\b");
    private static final Path DASHBOARD = Path.of("grafana", "sctp-dashboard.json");

    @Test
    void everyQueryOfTheDashboardNamesASeriesTheDemoExports() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asString();
                Matcher m = SERIES.matcher(expr);
                int found = 0;
                while (m.find()) {
                    queried.add(m.group());
                    found++;
                }
                assertThat(found).as("series in " + expr).isPositive();
            }
        }
        assertThat(queried).contains("sctp_associations_active", "sctp_data_received_bytes_count",
                "sctp_data_sent_bytes_count", "sctp_srtt_seconds", "sctp_rto_seconds", "sctp_retransmissions_total",
                "sctp_peer_rwnd_bytes", "sctp_path_changes_total", "sctp_send_failures_total");
        assertThat(dashboard.toString()).contains("sum by (name, stream)");

        provokeTheEventMeters();
        Set<String> exported = new TreeSet<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            exported = scrape();
            if (exported.containsAll(queried)) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() - deadline < 0);
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exported);
        assertThat(missing).as("queried series that /actuator/prometheus does not have; it has " + exported)
                .isEmpty();
    }

    /**
     * Some meters appear only after their event: a message on a stream (per-stream meters), a path change and a
     * failed send. Makes each happen on the demo's own client association.
     */
    private void provokeTheEventMeters() throws Exception {
        HttpResponse<String> response = HttpCalls.post(httpPort, "/send?stream=3", "for the dashboard");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SctpAssociation association = new ArrayList<>(client.getAssociations()).get(0);
        // a new primary path: the kernel notifies SCTP_ADDR_MADE_PRIM
        association.setOption(SctpOptions.PRIMARY_ADDR,
                new InetSocketAddress(InetAddress.getByName("127.0.0.2"), SCTP_PORT));
        // 127.0.0.3 is not one of the server's addresses: the kernel refuses the send
        try {
            association.send("nowhere".getBytes(StandardCharsets.UTF_8),
                    SendInfo.of(0, 0).withPeerAddress(InetAddress.getByName("127.0.0.3")));
        } catch (RuntimeException expected) {
            // counted in sctp.send.failures, which is what this is for
        }
    }

    private Set<String> scrape() throws Exception {
        HttpResponse<String> response = HttpCalls.get(httpPort, "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int end = line.indexOf('{');
                names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
            }
        }
        return names;
    }
}
