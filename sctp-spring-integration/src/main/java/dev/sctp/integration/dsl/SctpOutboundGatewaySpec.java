package dev.sctp.integration.dsl;

import dev.sctp.integration.outbound.SctpReplyCorrelation;
import java.util.function.Function;
import org.springframework.messaging.Message;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import dev.sctp.integration.support.SctpPayloadConverter;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.dsl.ComponentsRegistration;
import org.springframework.integration.dsl.MessageHandlerSpec;
import org.springframework.messaging.MessageChannel;

/**
 * A spec for an {@link SctpOutboundGateway}.
 *
 * @since 0.1.0
 */
public class SctpOutboundGatewaySpec extends MessageHandlerSpec<SctpOutboundGatewaySpec, SctpOutboundGateway>
        implements ComponentsRegistration {

    private final @Nullable AbstractSctpAssociationFactory factory;

    SctpOutboundGatewaySpec(AbstractSctpAssociationFactory factoryBean, boolean register) {
        this.target = new SctpOutboundGateway();
        this.target.setAssociationFactory(factoryBean);
        this.factory = register ? factoryBean : null;
    }

    /** Sets how long a request waits for its reply. */
    public SctpOutboundGatewaySpec remoteTimeout(Duration timeout) {
        this.target.setRemoteTimeout(timeout);
        return this;
    }

    /** Sets how long a stream whose request timed out stays reserved for the late reply. */
    public SctpOutboundGatewaySpec lateReplyTimeout(Duration timeout) {
        this.target.setLateReplyTimeout(timeout);
        return this;
    }

    /** Sets how long a request waits for a free stream. */
    public SctpOutboundGatewaySpec requestTimeout(Duration timeout) {
        this.target.setRequestTimeout(timeout);
        return this;
    }

    /** Caps the streams used per association. */
    public SctpOutboundGatewaySpec maxStreams(int maxStreams) {
        this.target.setMaxStreams(maxStreams);
        return this;
    }

    /** Sets the channel for unsolicited messages. */
    public SctpOutboundGatewaySpec unsolicitedMessageChannel(MessageChannel channel) {
        this.target.setUnsolicitedMessageChannel(channel);
        return this;
    }

    /** Sets the default PPID of requests. */
    public SctpOutboundGatewaySpec ppid(int ppid) {
        SctpSendSpecSupport.ppid(this.target.getSendInfoResolver(), ppid);
        return this;
    }

    /** Matches replies by a key in the messages instead of by stream (see {@link SctpReplyCorrelation}). */
    public SctpOutboundGatewaySpec replyCorrelation(SctpReplyCorrelation correlation) {
        this.target.setReplyCorrelation(correlation);
        return this;
    }

    /** Chooses the association (server factories) by a SpEL expression on the request. */
    public SctpOutboundGatewaySpec associationIdExpression(String expression) {
        this.target.setAssociationIdExpression(SctpSendSpecSupport.expression(expression));
        return this;
    }

    /** Chooses the association (server factories) by a function of the request. */
    public SctpOutboundGatewaySpec associationIdFunction(Function<Message<?>, ?> function) {
        this.target.setAssociationIdExpression(SctpSendSpecSupport.function(function));
        return this;
    }

    /** Chooses the stream of each request by a SpEL expression instead of taking a free one. */
    public SctpOutboundGatewaySpec streamIdExpression(String expression) {
        SctpSendSpecSupport.streamIdExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    /** Chooses the stream of each request by a function instead of taking a free one. */
    public SctpOutboundGatewaySpec streamIdFunction(Function<Message<?>, ?> function) {
        SctpSendSpecSupport.streamIdFunction(this.target.getSendInfoResolver(), function);
        return this;
    }

    /** Sets the PPID of each request by a SpEL expression. */
    public SctpOutboundGatewaySpec ppidExpression(String expression) {
        SctpSendSpecSupport.ppidExpression(this.target.getSendInfoResolver(), expression);
        return this;
    }

    /** Sets the PPID of each request by a function. */
    public SctpOutboundGatewaySpec ppidFunction(Function<Message<?>, ?> function) {
        SctpSendSpecSupport.ppidFunction(this.target.getSendInfoResolver(), function);
        return this;
    }

    /** Sets whether replies are produced asynchronously. */
    public SctpOutboundGatewaySpec async(boolean async) {
        this.target.setAsync(async);
        return this;
    }

    /** Makes reply payloads {@code String}s (UTF-8). */
    public SctpOutboundGatewaySpec stringPayloads() {
        SctpPayloadConverter converter = new SctpPayloadConverter();
        converter.setPayloadType(String.class);
        this.target.setPayloadConverter(converter);
        return this;
    }

    @Override
    public Map<Object, @Nullable String> getComponentsToRegister() {
        return FactoryRegistration.of(factory);
    }
}
