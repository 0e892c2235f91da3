package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.thread.Threading;
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
 *
 * <p>Threads: each association's reader (and a listener's acceptor) is a virtual thread on Java 21 and later, a
 * daemon platform thread on Java 17. With {@code spring.threads.virtual.enabled=true}, deliveries run on Boot's
 * {@code applicationTaskExecutor}, a virtual thread each; otherwise each factory has a cached pool. Timers (idle
 * checks, reconnects, late-reply expiry, metrics polling) run on Spring Integration's {@code taskScheduler}, which
 * Boot builds: the starter starts no scheduler of its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration")
@ConditionalOnClass({ SctpAddress.class, SctpServerAssociationFactory.class })
@ConditionalOnBooleanProperty(name = "sctp.enabled", matchIfMissing = true)
@Conditional(OnSctpEndpointsCondition.class)
@EnableConfigurationProperties(SctpProperties.class)
@Import({ SctpPropertiesBinding.class, SctpEndpointsRegistrar.class })
public final class SctpAutoConfiguration {

    /** Lifecycle phase timeout used when {@code spring.lifecycle.timeout-per-shutdown-phase} is not set. */
    static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    /** The name of Boot's application task executor. */
    static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

    @Bean
    @ConditionalOnMissingBean
    SctpAssociationFactoryConfigurer sctpAssociationFactoryConfigurer(Environment environment,
            ObjectProvider<SctpAssociationFactoryCustomizer<?>> customizers,
            @Qualifier(APPLICATION_TASK_EXECUTOR) ObjectProvider<Executor> applicationTaskExecutor) {
        Duration phase = Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_PHASE_TIMEOUT);
        // On virtual threads, deliveries run on Boot's executor, which then starts a virtual thread per task; on
        // platform threads it is a small bounded pool, so each factory keeps a cached pool of its own.
        Executor deliveries = Threading.VIRTUAL.isActive(environment) ? applicationTaskExecutor.getIfAvailable()
                : null;
        return new SctpAssociationFactoryConfigurer(SctpAssociationFactoryConfigurer.shutdownTimeoutWithin(phase),
                customizers.orderedStream().toList(), deliveries);
    }

    @Bean
    SctpLifecycleRoles sctpLifecycleRoles(ListableBeanFactory beanFactory, SctpProperties properties) {
        return new SctpLifecycleRoles(beanFactory, properties);
    }
}
