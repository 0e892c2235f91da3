package dev.sctp.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.boot.autoconfigure.SctpAutoConfiguration;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link SctpMetricsAutoConfiguration}: the binder is present with Micrometer and factories, absent otherwise. */
class SctpMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    IntegrationAutoConfiguration.class, SctpAutoConfiguration.class,
                    SctpMetricsAutoConfiguration.class))
            .withPropertyValues("sctp.listen.auto-startup=false");

    @Test
    void bindsMetersOfEveryListenerAndClient() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", "sctp.clients.hss.addresses=127.0.0.1:3868",
                "sctp.clients.hss.auto-startup=false")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(SctpMetrics.class);
                    MeterRegistry registry = ctx.getBean(MeterRegistry.class);
                    assertThat(registry.get("sctp.associations.active").tag("name", "default")
                            .tag("role", "server").gauge().value()).isZero();
                    assertThat(registry.get("sctp.associations.active").tag("name", "hss").tag("role", "client")
                            .gauge().value()).isZero();
                    assertThat(registry.get("sctp.data.received").tag("name", "hss").summary().count()).isZero();
                    for (String name : List.of("sctp.associations.established", "sctp.associations.shutdown",
                            "sctp.associations.restarted", "sctp.associations.failed")) {
                        assertThat(registry.get(name).tag("name", "default").counter().count()).isZero();
                    }
                    assertThat(registry.get("sctp.retransmissions").tag("name", "default").functionCounter().count())
                            .isZero();
                    assertThat(registry.get("sctp.srtt").tag("name", "default").timeGauge()).isNotNull();
                    assertThat(registry.get("sctp.peer.rwnd").tag("name", "default").gauge()).isNotNull();
                });
    }

    @Test
    void measuresTheApplicationsOwnFactoriesByBeanName() {
        runner.withUserConfiguration(OwnFactory.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(SctpMetrics.class);
            assertThat(ctx.getBean(MeterRegistry.class).get("sctp.associations.active").tag("name", "diameterServer")
                    .tag("role", "server").gauge()).isNotNull();
        });
    }

    @Test
    void absentWithoutMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class,
                        SctpAutoConfiguration.class, SctpMetricsAutoConfiguration.class))
                .withPropertyValues("sctp.listen.addresses=127.0.0.1:0", "sctp.listen.auto-startup=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SctpMetrics.class));
    }

    @Test
    void absentWithoutMicrometerOnTheClasspath() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class,
                        SctpAutoConfiguration.class, SctpMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withPropertyValues("sctp.listen.addresses=127.0.0.1:0", "sctp.listen.auto-startup=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SctpMetrics.class));
    }

    @Test
    void absentWithoutFactoriesOrWhenDisabled() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SctpMetrics.class));
        runner.withUserConfiguration(OwnFactory.class).withPropertyValues("sctp.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SctpMetrics.class));
    }

    @Test
    void applicationBinderReplacesTheAutoConfiguredOne() {
        runner.withUserConfiguration(OwnMetrics.class).withPropertyValues("sctp.listen.addresses=127.0.0.1:0")
                .run(ctx -> assertThat(ctx).hasSingleBean(SctpMetrics.class).hasBean("myMetrics"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFactory {

        @Bean
        SctpServerAssociationFactory diameterServer() {
            SctpServerAssociationFactory factory = new SctpServerAssociationFactory(0);
            factory.setAutoStartup(false);
            return factory;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetrics {

        @Bean
        SctpMetrics myMetrics() {
            return new SctpMetrics(List::of, new dev.sctp.boot.autoconfigure.SctpProperties.Metrics(), null,
                    null);
        }
    }
}
