package dev.sctp.integration.dsl;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.dsl.ComponentsRegistration;
import org.springframework.integration.dsl.MessageHandlerSpec;

/**
 * A spec for an {@link SctpSendingMessageHandler}.
 *
 * @since 0.1.0
 */
public class SctpOutboundChannelAdapterSpec
        extends MessageHandlerSpec<SctpOutboundChannelAdapterSpec, SctpSendingMessageHandler>
        implements ComponentsRegistration {

    private final @Nullable AbstractSctpAssociationFactory factory;

    SctpOutboundChannelAdapterSpec(AbstractSctpAssociationFactory factoryBean, boolean register) {
        this.target = new SctpSendingMessageHandler();
        this.target.setAssociationFactory(factoryBean);
        this.factory = register ? factoryBean : null;
    }

    /** Sets the default send information. */
    public SctpOutboundChannelAdapterSpec sendInfo(SendInfo defaults) {
        SctpSendSpecSupport.defaults(this.target.getSendInfoResolver(), defaults);
        return this;
    }

    /** Sets the default stream id. */
    public SctpOutboundChannelAdapterSpec streamId(int streamId) {
        SctpSendSpecSupport.streamId(this.target.getSendInfoResolver(), streamId);
        return this;
    }

    /** Sets the default PPID. */
    public SctpOutboundChannelAdapterSpec ppid(int ppid) {
        SctpSendSpecSupport.ppid(this.target.getSendInfoResolver(), ppid);
        return this;
    }

    /** Sets whether messages are sent unordered by default. */
    public SctpOutboundChannelAdapterSpec unordered(boolean unordered) {
        SctpSendSpecSupport.unordered(this.target.getSendInfoResolver(), unordered);
        return this;
    }

    /** Sets a SpEL expression for the stream id. */
    public SctpOutboundChannelAdapterSpec streamIdExpression(String expression) {
        SctpSendSpecSupport.streamIdExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    /** Sets a SpEL expression for the PPID. */
    public SctpOutboundChannelAdapterSpec ppidExpression(String expression) {
        SctpSendSpecSupport.ppidExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    /** Sets a SpEL expression for the unordered flag. */
    public SctpOutboundChannelAdapterSpec unorderedExpression(String expression) {
        SctpSendSpecSupport.unorderedExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    /** Sets a SpEL expression for the context. */
    public SctpOutboundChannelAdapterSpec contextExpression(String expression) {
        SctpSendSpecSupport.contextExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    /** Sets a SpEL expression for the PR-SCTP lifetime. */
    public SctpOutboundChannelAdapterSpec lifetimeExpression(String expression) {
        SctpSendSpecSupport.lifetimeExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    @Override
    public Map<Object, @Nullable String> getComponentsToRegister() {
        return FactoryRegistration.of(factory);
    }
}
