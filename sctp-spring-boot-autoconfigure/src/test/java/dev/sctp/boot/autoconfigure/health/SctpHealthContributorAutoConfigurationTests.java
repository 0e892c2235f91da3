package dev.sctp.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.SctpUnavailableException;
import dev.sctp.boot.autoconfigure.SctpAutoConfiguration;
import dev.sctp.boot.autoconfigure.app.Loopback;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link SctpHealthContributorAutoConfiguration} and the indicators, the client indicator over real associations. */
@RequiresSctp
class SctpHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, SctpAutoConfiguration.class,
                    SctpHealthContributorAutoConfiguration.class))
            .withPropertyValues("sctp.listen.addresses=127.0.0.1:0", "sctp.listen.auto-startup=false",
                    "sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false");

    @Test
    void contributesKernelListenersAndClients() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(SctpHealthContributor.class).hasBean("sctpHealthContributor");
            CompositeHealthContributor sctp = ctx.getBean(SctpHealthContributor.class);
            assertThat(sctp.stream().map(e -> e.name())).containsExactly("kernel", "listeners", "clients");
            // auto-startup is false in this runner: deliberately not started is not a failure, so not DOWN
            Health listener = health(sctp, "listeners", "default");
            assertThat(listener.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(listener.getDetails()).containsEntry("listening", false)
                    .containsEntry("reason", "not started: auto-startup is false")
                    .containsEntry("addresses", "127.0.0.1:0");
            Health client = health(sctp, "clients", "hss");
            assertThat(client.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(client.getDetails()).containsEntry("connected", false)
                    .containsEntry("reason", "not started: auto-startup is false");
        });
    }

    @Test
    void aStoppedListenerThatShouldRunIsDown() {
        try (Loopback loopback = new Loopback()) {
            SctpServerAssociationFactory server = loopback.listening("sctpListener-default");
            SctpListenerHealthIndicator indicator = new SctpListenerHealthIndicator(server);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            server.stop();
            // the accept loop lets go of the bound address as it ends, a moment after stop returns
            await().atMost(Loopback.TIMEOUT).untilAsserted(() -> {
                Health health = indicator.health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("reason", "stopped");
            });
        }
    }

    @Test
    void aLazyClientThatHasNotConnectedYetIsUp() {
        try (Loopback loopback = new Loopback()) {
            SctpServerAssociationFactory server = loopback.listening("sctpListener-default");
            SctpClientAssociationFactory client = loopback.client("sctpClient-hss", Loopback.addressOf(server),
                    c -> c.setConnectOnStart(false));
            SctpClientHealthIndicator indicator = new SctpClientHealthIndicator(client);
            client.start();
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("connected", false)
                    .containsEntry("reason", "connects on the first send: connect-on-start is false");
            assertThat(server.getOpenAssociationIds()).isEmpty();
        }
    }

    @Test
    void kernelCheckIsUpWhereTheKernelHasSctp() {
        // the test machine has kernel SCTP (@RequiresSctp fails the class where it has not)
        Health kernel = new SctpKernelHealthIndicator().health();
        assertThat(kernel.getStatus()).isEqualTo(Status.UP);
        assertThat(kernel.getDetails()).containsEntry("available", true);
    }

    @Test
    void kernelCheckIsDownWithTheReasonAndTheFixWhereTheKernelLacksSctp() {
        SctpUnavailableException cause = new SctpUnavailableException(
                "socket(AF_INET6, SOCK_SEQPACKET, IPPROTO_SCTP) failed: EPROTONOSUPPORT");
        Health kernel = new SctpKernelHealthIndicator(() -> cause).health();
        assertThat(kernel.getStatus()).isEqualTo(Status.DOWN);
        assertThat(kernel.getDetails()).containsEntry("available", false);
        assertThat((String) kernel.getDetails().get("reason")).contains("EPROTONOSUPPORT").contains("modprobe sctp");
    }

    @Test
    void clientIsDownWithTheReasonItCouldNotConnect() {
        try (Loopback loopback = new Loopback()) {
            SctpServerAssociationFactory gone = loopback.listening("sctpListener-gone");
            SctpAddress closedPort = Loopback.addressOf(gone);
            gone.stop();
            SctpClientAssociationFactory client = loopback.client("sctpClient-hss", closedPort,
                    c -> c.setConnectOnStart(true));
            SctpClientHealthIndicator indicator = new SctpClientHealthIndicator(client);
            client.start();
            await().atMost(Loopback.TIMEOUT).until(() -> indicator.health().getDetails().get("reason"),
                    reason -> reason != null && !reason.equals("not connected yet"));
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) health.getDetails().get("reason")).startsWith("cannot connect to " + closedPort + ": ");
        }
    }

    @Test
    void clientIsDownWithTheReasonItLostItsAssociation() {
        try (Loopback loopback = new Loopback()) {
            SctpServerAssociationFactory server = loopback.listening("sctpListener-default");
            SctpClientAssociationFactory client = loopback.client("sctpClient-hss", Loopback.addressOf(server),
                    c -> c.setConnectOnStart(true));
            SctpClientHealthIndicator indicator = new SctpClientHealthIndicator(client);
            client.start();
            await().atMost(Loopback.TIMEOUT).until(() -> indicator.health().getStatus().equals(Status.UP));
            SctpAssociation association = client.getAssociations().get(0);
            assertThat(indicator.health().getDetails()).containsEntry("connected", true)
                    .containsEntry("association", association.getId()).containsEntry("pathsActive", 1L);

            SctpTestUtils.waitAssociations(server, 1, Loopback.TIMEOUT);
            server.getAssociations().get(0).abort();
            // the association reads as closed a moment before the observers hear why: wait for the reason too
            await().atMost(Loopback.TIMEOUT).untilAsserted(() -> {
                Health health = indicator.health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("connected", false).containsKey("since");
                assertThat((String) health.getDetails().get("reason")).startsWith("association "
                        + association.getId() + " with " + association.getRemoteAddress()
                        + " was lost (the peer aborted it or stopped answering)");
            });
        }
    }

    @Test
    void absentWhenDisabledOrWithoutHealthSupport() {
        runner.withPropertyValues("management.health.sctp.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SctpHealthContributor.class));
        runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SctpHealthContributor.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class,
                        SctpAutoConfiguration.class, SctpHealthContributorAutoConfiguration.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SctpHealthContributor.class));
    }

    @Test
    void applicationIndicatorReplacesTheAutoConfiguredOne() {
        runner.withUserConfiguration(OwnIndicator.class)
                .run(ctx -> assertThat(ctx).doesNotHaveBean(SctpHealthContributor.class).hasBean("sctpHealthIndicator"));
    }

    static Health health(CompositeHealthContributor root, String group, String name) {
        CompositeHealthContributor composite = (CompositeHealthContributor) root.getContributor(group);
        return ((HealthIndicator) composite.getContributor(name)).health(true);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicator {

        @Bean
        HealthIndicator sctpHealthIndicator() {
            return () -> Health.up().build();
        }
    }
}
