package dev.sctp.boot.autoconfigure.metrics;

import dev.sctp.boot.autoconfigure.OnSctpFactoriesCondition;
import dev.sctp.boot.autoconfigure.SctpAutoConfiguration;
import dev.sctp.boot.autoconfigure.SctpProperties;
import dev.sctp.boot.autoconfigure.SctpPropertiesBinding;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of Micrometer metrics for every SCTP association factory of the application, the
 * auto-configured ones, the application's own and those its DSL flows build (a bean post-processor hands each factory
 * bean to {@link SctpMetrics}). Each meter is tagged with {@code name} (the listener's or client's
 * name) and {@code role} ({@code server} or {@code client}):
 * <ul>
 *   <li>{@code sctp.associations.active} (gauge);</li>
 *   <li>{@code sctp.associations.established}, {@code .shutdown}, {@code .aborted} (tag {@code reason}: aborted,
 *       lost or error), {@code .restarted}, {@code .failed} (counters);</li>
 *   <li>{@code sctp.data.received}, {@code sctp.data.sent} (distribution summaries in bytes, whose count is the
 *       number of messages; tag {@code stream} with {@code sctp.metrics.per-stream});</li>
 *   <li>{@code sctp.send.failures} (counter, tag {@code exception}), {@code sctp.retransmissions} (counter);</li>
 *   <li>{@code sctp.srtt}, {@code sctp.rto} (time gauges), {@code sctp.peer.rwnd} (gauge, bytes),
 *       {@code sctp.chunks.unacked}, {@code sctp.chunks.pending} (gauges), polled at
 *       {@code sctp.metrics.poll-interval};</li>
 *   <li>{@code sctp.path.changes} (counter, tag {@code state});</li>
 *   <li>{@code sctp.deliveries.pending}, {@code sctp.sends.in-flight} (gauges of back-pressure, over all
 *       associations).</li>
 * </ul>
 * With {@code sctp.metrics.per-association}, each association also has {@code sctp.association.*} meters (tag
 * {@code association}: the peer's primary address and port), removed when it ends and capped by
 * {@link SctpAssociationTagsFilter}. Each outbound gateway has {@code sctp.gateway.streams.in-use},
 * {@code sctp.gateway.streams.held} and {@code sctp.gateway.requests.keyed} (tag {@code gateway}). Polling runs on
 * Spring Integration's {@code taskScheduler}.
 */
@AutoConfiguration(after = SctpAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, AbstractSctpAssociationFactory.class })
@ConditionalOnBean(MeterRegistry.class)
@Conditional(OnSctpFactoriesCondition.class)
@ConditionalOnBooleanProperty(name = "sctp.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SctpProperties.class)
@Import(SctpPropertiesBinding.class)
public final class SctpMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SctpMetrics sctpMetrics(ObjectProvider<AbstractSctpAssociationFactory> factories, SctpProperties properties,
            @Qualifier(IntegrationContextUtils.TASK_SCHEDULER_BEAN_NAME) ObjectProvider<TaskScheduler> taskScheduler,
            ObjectProvider<SctpAssociationTagsFilter> associationTags) {
        // Spring Integration's taskScheduler, which Boot's integration auto-configuration builds (on virtual
        // threads with spring.threads.virtual.enabled): the same scheduler as the factories' timers
        return new SctpMetrics(() -> factories.orderedStream().toList(), properties.getMetrics(),
                taskScheduler.getIfAvailable(), associationTags.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    SctpAssociationTagsFilter sctpAssociationTagsFilter(SctpProperties properties) {
        return new SctpAssociationTagsFilter(properties.getMetrics().getMaxAssociationTags());
    }

    @Bean
    MeterFilter sctpStreamTagsFilter(SctpProperties properties) {
        return SctpStreamTagsFilter.of(properties.getMetrics().getMaxStreamTags());
    }

    @Bean
    static SctpMetricsBeanPostProcessor sctpMetricsBeanPostProcessor(ObjectProvider<SctpMetrics> metrics) {
        return new SctpMetricsBeanPostProcessor(metrics);
    }
}
