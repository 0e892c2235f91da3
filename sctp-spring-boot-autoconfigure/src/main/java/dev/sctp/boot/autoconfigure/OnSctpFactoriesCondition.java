package dev.sctp.boot.autoconfigure;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Matches when the application may have SCTP association factories: a factory bean is defined (auto-configured or
 * the application's), an SCTP listener or client is configured, or an {@link IntegrationFlow} bean is defined, whose
 * DSL may build factories that become beans only later. Metrics and health use it, so that DSL-built factories are
 * measured and reported too.
 */
public final class OnSctpFactoriesCondition extends AnyNestedCondition {

    OnSctpFactoriesCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(AbstractSctpAssociationFactory.class)
    static final class FactoryBeans {
    }

    @Conditional(OnSctpEndpointsCondition.class)
    static final class ConfiguredEndpoints {
    }

    @ConditionalOnBean(IntegrationFlow.class)
    static final class IntegrationFlows {
    }
}
