package dev.sctp.boot.autoconfigure.health;

import dev.sctp.boot.autoconfigure.OnSctpFactoriesCondition;
import dev.sctp.boot.autoconfigure.SctpAutoConfiguration;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the {@code sctp} health contributor ({@link SctpHealthContributor}) for the application's
 * SCTP association factories, when Spring Boot's health support is present. Switch it off with
 * {@code management.health.sctp.enabled=false}.
 */
@AutoConfiguration(after = SctpAutoConfiguration.class)
@ConditionalOnClass({ HealthContributor.class, ConditionalOnEnabledHealthIndicator.class,
        AbstractSctpAssociationFactory.class })
@Conditional(OnSctpFactoriesCondition.class)
@ConditionalOnBooleanProperty(name = "sctp.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("sctp")
public final class SctpHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = { "sctpHealthIndicator", "sctpHealthContributor" })
    SctpHealthContributor sctpHealthContributor(ObjectProvider<AbstractSctpAssociationFactory> factories) {
        return new SctpHealthContributor(() -> factories.orderedStream().toList());
    }
}
