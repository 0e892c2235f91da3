package dev.sctp.boot.autoconfigure.metrics;

import dev.sctp.boot.autoconfigure.OnSctpFactoriesCondition;
import dev.sctp.boot.autoconfigure.SctpAutoConfiguration;
import dev.sctp.boot.autoconfigure.SctpProperties;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of Micrometer metrics for every SCTP association factory of the application, the
 * auto-configured ones, the application's own and those its DSL flows build (a bean post-processor hands each factory
 * bean to {@link SctpMetrics}). Each meter is tagged with {@code name} (the listener's or client's
 * name) and {@code role} ({@code server} or {@code client}):
 * <ul>
 *   <li>{@code sctp.associations.active} (gauge);</li>
 *   <li>{@code sctp.associations.established}, {@code .shutdown}, {@code .aborted} (tag {@code reason}: aborted,
 *       lost or failed), {@code .restarted}, {@code .failed} (counters);</li>
 *   <li>{@code sctp.data.received}, {@code sctp.data.sent} (distribution summaries in bytes, whose count is the
 *       number of messages; tag {@code stream} with {@code sctp.metrics.per-stream});</li>
 *   <li>{@code sctp.send.failures} (counter, tag {@code exception}), {@code sctp.retransmissions} (counter);</li>
 *   <li>{@code sctp.srtt}, {@code sctp.rto} (time gauges), {@code sctp.peer.rwnd} (gauge, bytes),
 *       {@code sctp.chunks.unacked}, {@code sctp.chunks.pending} (gauges), polled at
 *       {@code sctp.metrics.poll-interval};</li>
 *   <li>{@code sctp.path.changes} (counter, tag {@code state}).</li>
 * </ul>
 */
@AutoConfiguration(after = SctpAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, AbstractSctpAssociationFactory.class })
@ConditionalOnBean(MeterRegistry.class)
@Conditional(OnSctpFactoriesCondition.class)
@ConditionalOnBooleanProperty(name = "sctp.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SctpProperties.class)
public final class SctpMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SctpMetrics sctpMetrics(ObjectProvider<AbstractSctpAssociationFactory> factories, SctpProperties properties) {
        return new SctpMetrics(() -> factories.orderedStream().toList(), properties.getMetrics());
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
