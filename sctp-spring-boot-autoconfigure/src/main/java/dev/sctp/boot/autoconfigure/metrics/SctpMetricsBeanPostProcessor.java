package dev.sctp.boot.autoconfigure.metrics;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Hands every SCTP association factory and outbound gateway bean to {@link SctpMetrics} once it is initialized,
 * whoever defined it: the
 * auto-configuration, the application, or a Spring Integration DSL flow, whose factories become beans only while
 * the flow is processed, after the auto-configuration's conditions were evaluated.
 */
final class SctpMetricsBeanPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<SctpMetrics> metrics;

    SctpMetricsBeanPostProcessor(ObjectProvider<SctpMetrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractSctpAssociationFactory factory) {
            metrics.ifAvailable(m -> m.add(factory));
        } else if (bean instanceof SctpOutboundGateway gateway) {
            metrics.ifAvailable(m -> m.add(gateway));
        }
        return bean;
    }
}
