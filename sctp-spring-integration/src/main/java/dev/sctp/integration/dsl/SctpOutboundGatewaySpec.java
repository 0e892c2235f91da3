package dev.sctp.integration.dsl;

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
