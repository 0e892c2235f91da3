package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.UppercaseServer;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The listener's {@code allowed-peers} and {@code max-associations-per-peer} properties reach the factory and act on
 * real associations from socat peers: a peer outside the allow-list is aborted and counted in
 * {@code sctp.associations.rejected}, an allowed one gets its answer.
 */
@RequiresSctp
class SctpListenerProtectionTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void allowedPeersAndPerPeerLimitFromPropertiesGuardTheListenerAndAreCounted() throws Exception {
        try (ConfigurableApplicationContext app = Apps.run(UppercaseServer.class, "sctp.listen.addresses=127.0.0.1:0",
                "sctp.listen.allowed-peers=127.0.0.2/32,::1", "sctp.listen.max-associations-per-peer=1")) {
            SctpServerAssociationFactory listener = app.getBean(SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(listener, TIMEOUT);
            assertThat(listener.getAllowedPeers()).containsExactly("127.0.0.2/32", "::1");
            assertThat(listener.getMaxAssociationsPerPeer()).isEqualTo(1);
            String target = "SCTP4-CONNECT:127.0.0.1:" + listener.getPort();
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            try (ExternalPeer allowed = ExternalPeer.start("socat", "-", target + ",bind=127.0.0.2");
                    ExternalPeer outsider = ExternalPeer.start("socat", "-", target + ",bind=127.0.0.3")) {
                allowed.write("hello\n");
                allowed.awaitOutput(out -> out.contains("HELLO"), TIMEOUT);
                await().atMost(TIMEOUT).until(() -> rejected(registry, "peer-not-allowed") == 1);
                // a second association from the allowed address is over max-associations-per-peer
                try (ExternalPeer second = ExternalPeer.start("socat", "-", target + ",bind=127.0.0.2")) {
                    await().atMost(TIMEOUT).until(() -> rejected(registry, "max-associations-per-peer") == 1);
                }
                allowed.write("still\n");
                allowed.awaitOutput(out -> out.contains("STILL"), TIMEOUT);
                assertThat(listener.getOpenAssociationCount()).isEqualTo(1);
            }
        }
    }

    private static double rejected(MeterRegistry registry, String reason) {
        List<Counter> counters = registry.find("sctp.associations.rejected").tag("reason", reason).counters()
                .stream().toList();
        return counters.stream().mapToDouble(Counter::count).sum();
    }
}
