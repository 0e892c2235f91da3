package dev.sctp.integration.dsl;

import java.util.function.Function;
import org.springframework.messaging.Message;

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

    /** Sets the PPID of replies, instead of the request's. */
    public SctpInboundGatewaySpec ppidExpression(String expression) {
        SctpSendSpecSupport.ppidExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    /** Sets the PPID of replies by a function of the reply, instead of the request's. */
    public SctpInboundGatewaySpec ppidFunction(Function<Message<?>, ?> function) {
        SctpSendSpecSupport.ppidFunction(this.target.getSendInfoResolver(), function);
        return this;
    }

    /** Sets the stream of replies by a SpEL expression on the reply, instead of the request's. */
    public SctpInboundGatewaySpec streamIdExpression(String expression) {
        SctpSendSpecSupport.streamIdExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    /** Sends replies unordered (or not), unless the reply says otherwise. */
    public SctpInboundGatewaySpec unordered(boolean unordered) {
        SctpSendSpecSupport.unordered(this.target.getSendInfoResolver(), unordered);
        return this;
    }

    /** Sets the lifetime of replies by a SpEL expression (a Duration, milliseconds, "500ms" or ISO-8601). */
    public SctpInboundGatewaySpec lifetimeExpression(String expression) {
        SctpSendSpecSupport.lifetimeExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    @Override
    public Map<Object, @Nullable String> getComponentsToRegister() {
        return FactoryRegistration.of(factory);
    }
}
