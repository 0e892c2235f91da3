package dev.sctp.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SctpAddress;
import dev.sctp.SctpAvailability;
import dev.sctp.boot.autoconfigure.SctpAutoConfiguration;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationException;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
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

/** {@link SctpHealthContributorAutoConfiguration} and the indicators, without sockets. */
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
            Health listener = health(sctp, "listeners", "default");
            assertThat(listener.getStatus()).isEqualTo(Status.DOWN);
            assertThat(listener.getDetails()).containsEntry("listening", false).containsEntry("reason", "stopped")
                    .containsEntry("addresses", "127.0.0.1:0");
            Health client = health(sctp, "clients", "hss");
            assertThat(client.getStatus()).isEqualTo(Status.DOWN);
            assertThat(client.getDetails()).containsEntry("connected", false).containsEntry("reason", "stopped");
        });
    }

    @Test
    void kernelCheckSaysWhetherSctpIsAvailableAndWhy() {
        Health kernel = new SctpKernelHealthIndicator().health();
        if (SctpAvailability.isAvailable()) {
            assertThat(kernel.getStatus()).isEqualTo(Status.UP);
            assertThat(kernel.getDetails()).containsEntry("available", true);
        } else {
            assertThat(kernel.getStatus()).isEqualTo(Status.DOWN);
            assertThat(kernel.getDetails()).containsEntry("available", false);
            assertThat((String) kernel.getDetails().get("reason")).contains("IPPROTO_SCTP");
        }
    }

    @Test
    void clientIsDownWithTheReasonItLostItsAssociation() {
        SctpClientAssociationFactory factory = new SctpClientAssociationFactory(SctpAddress.parse("127.0.0.1:3868"));
        SctpClientHealthIndicator indicator = new SctpClientHealthIndicator(factory);
        indicator.connectFailed(SctpAddress.parse("127.0.0.1:3868"), new ConnectException("Connection refused"));
        assertThat(indicator.health().getDetails().get("reason"))
                .isEqualTo("cannot connect to 127.0.0.1:3868: Connection refused");
        SctpAssociation association = Mockito.mock(SctpAssociation.class);
        Mockito.when(association.getId()).thenReturn("127.0.0.1:3868:40000:1");
        Mockito.when(association.getRemoteAddress()).thenReturn(SctpAddress.parse("127.0.0.1:3868"));
        indicator.associationOpened(association);
        assertThat(indicator.health().getDetails().get("reason")).isEqualTo("stopped");
        indicator.associationClosed(association, CloseReason.LOST,
                new SctpAssociationException("127.0.0.1:3868:40000:1", "COMM_LOST", null));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("reason")).isEqualTo("association 127.0.0.1:3868:40000:1 with "
                + "127.0.0.1:3868 was lost (the peer aborted it or stopped answering): COMM_LOST");
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
