package dev.sctp.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.HssClient;
import dev.sctp.boot.autoconfigure.app.Loopback;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.test.RequiresSctp;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code sctp} contributor in Boot's probe groups: a client that cannot reach its peer makes {@code sctp} DOWN,
 * yet liveness stays UP (a lost peer is no reason to restart this process), and readiness follows it once the
 * application includes {@code sctp} in the readiness group, as the README says.
 */
@RequiresSctp
class SctpHealthGroupsTests {

    @Test
    void anUnreachablePeerLeavesLivenessUpAndMakesAReadinessGroupThatIncludesSctpDown() {
        SctpAddress closedPort;
        try (Loopback loopback = new Loopback()) {
            SctpServerAssociationFactory gone = loopback.listening("sctpListener-gone");
            closedPort = Loopback.addressOf(gone);
        }
        try (ConfigurableApplicationContext app = Apps.run(HssClient.class,
                "sctp.clients.hss.addresses=" + closedPort, "sctp.clients.hss.reconnect.enabled=false",
                "management.endpoint.health.probes.enabled=true",
                "management.endpoint.health.group.readiness.include=readinessState,sctp")) {
            HealthEndpoint health = app.getBean(HealthEndpoint.class);
            await().atMost(Loopback.TIMEOUT).until(() -> Objects.requireNonNull(health.healthForPath("sctp"))
                    .getStatus(), Status.DOWN::equals);
            assertThat(Objects.requireNonNull(health.healthForPath("liveness")).getStatus()).isEqualTo(Status.UP);
            assertThat(Objects.requireNonNull(health.healthForPath("readiness")).getStatus())
                    .isEqualTo(Status.DOWN);
        }
    }
}
