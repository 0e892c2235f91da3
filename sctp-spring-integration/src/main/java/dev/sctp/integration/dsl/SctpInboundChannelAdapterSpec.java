package dev.sctp.integration.dsl;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.support.SctpPayloadConverter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.dsl.ComponentsRegistration;
import org.springframework.integration.dsl.MessageProducerSpec;

/**
 * A spec for an {@link SctpReceivingChannelAdapter}.
 *
 * @since 0.1.0
 */
public class SctpInboundChannelAdapterSpec
        extends MessageProducerSpec<SctpInboundChannelAdapterSpec, SctpReceivingChannelAdapter>
        implements ComponentsRegistration {

    private final @Nullable AbstractSctpAssociationFactory factory;

    SctpInboundChannelAdapterSpec(AbstractSctpAssociationFactory factoryBean, boolean register) {
        super(new SctpReceivingChannelAdapter());
        this.target.setAssociationFactory(factoryBean);
        this.factory = register ? factoryBean : null;
    }

    /** Sets whether notifications are sent as messages too. */
    public SctpInboundChannelAdapterSpec publishNotifications(boolean publish) {
        this.target.setPublishNotifications(publish);
        return this;
    }

    /** Sets the payload converter. */
    public SctpInboundChannelAdapterSpec payloadConverter(SctpPayloadConverter converter) {
        this.target.setPayloadConverter(converter);
        return this;
    }

    /** Makes payloads {@code String}s (UTF-8). */
    public SctpInboundChannelAdapterSpec stringPayloads() {
        SctpPayloadConverter converter = new SctpPayloadConverter();
        converter.setPayloadType(String.class);
        return payloadConverter(converter);
    }

    @Override
    public Map<Object, @Nullable String> getComponentsToRegister() {
        return FactoryRegistration.of(factory);
    }
}
