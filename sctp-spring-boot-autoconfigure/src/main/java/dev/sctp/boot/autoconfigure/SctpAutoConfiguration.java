package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import java.time.Duration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of SCTP listeners and clients from {@link SctpProperties}: for each one an association factory,
 * its inbound and outbound channels and channel adapters (see {@link SctpEndpointNames}).
 *
 * <p>Active when a listener or client is configured and {@code sctp.enabled} is not false. Runs after Spring
 * Integration's auto-configuration, which enables the integration infrastructure ({@code @ServiceActivator}).
 * Factories stop gracefully: they stop accepting, shut every association down (the peer sees SHUTDOWN) and abort
 * what is still open shortly before {@code spring.lifecycle.timeout-per-shutdown-phase} runs out. Each listener and
 * client is a Spring Integration lifecycle role named as its factory bean (see {@link SctpLifecycleRoles}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration")
@ConditionalOnClass({ SctpAddress.class, SctpServerAssociationFactory.class })
@ConditionalOnBooleanProperty(name = "sctp.enabled", matchIfMissing = true)
@Conditional(OnSctpEndpointsCondition.class)
@EnableConfigurationProperties(SctpProperties.class)
@Import(SctpEndpointsRegistrar.class)
public final class SctpAutoConfiguration {

    /** Lifecycle phase timeout used when {@code spring.lifecycle.timeout-per-shutdown-phase} is not set. */
    static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    SctpAssociationFactoryConfigurer sctpAssociationFactoryConfigurer(Environment environment,
            ObjectProvider<SctpAssociationFactoryCustomizer> customizers) {
        Duration phase = Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_PHASE_TIMEOUT);
        return new SctpAssociationFactoryConfigurer(SctpAssociationFactoryConfigurer.shutdownTimeoutWithin(phase),
                customizers.orderedStream().toList());
    }

    @Bean
    SctpLifecycleRoles sctpLifecycleRoles(ListableBeanFactory beanFactory, SctpProperties properties) {
        return new SctpLifecycleRoles(beanFactory, properties);
    }
}
