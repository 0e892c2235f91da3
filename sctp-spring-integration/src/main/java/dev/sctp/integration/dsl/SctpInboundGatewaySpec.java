package dev.sctp.integration.dsl;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.integration.support.SctpPayloadConverter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.dsl.ComponentsRegistration;
import org.springframework.integration.dsl.MessagingGatewaySpec;

/**
 * A spec for an {@link SctpInboundGateway}.
 *
 * @since 0.1.0
 */
public class SctpInboundGatewaySpec extends MessagingGatewaySpec<SctpInboundGatewaySpec, SctpInboundGateway>
        implements ComponentsRegistration {

    private final @Nullable AbstractSctpAssociationFactory factory;

    SctpInboundGatewaySpec(AbstractSctpAssociationFactory factoryBean, boolean register) {
        super(new SctpInboundGateway());
        this.target.setAssociationFactory(factoryBean);
        this.factory = register ? factoryBean : null;
    }

    /** Sets the payload converter of requests. */
    public SctpInboundGatewaySpec payloadConverter(SctpPayloadConverter converter) {
        this.target.setPayloadConverter(converter);
        return this;
    }

    /** Makes request payloads {@code String}s (UTF-8). */
    public SctpInboundGatewaySpec stringPayloads() {
        SctpPayloadConverter converter = new SctpPayloadConverter();
        converter.setPayloadType(String.class);
        return payloadConverter(converter);
    }

    @Override
    public Map<Object, @Nullable String> getComponentsToRegister() {
        return FactoryRegistration.of(factory);
    }
}
