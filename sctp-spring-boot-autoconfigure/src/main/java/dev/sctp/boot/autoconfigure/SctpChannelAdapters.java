package dev.sctp.boot.autoconfigure;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.integration.support.SctpPayloadConverter;
import dev.sctp.integration.support.SctpSendInfoResolver;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.AttributeAccessor;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.integration.support.ErrorMessageUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.ErrorMessage;

/** Builds the channel adapters of a listener or client from its properties. */
final class SctpChannelAdapters {

    private SctpChannelAdapters() {
    }

    /**
     * Returns the adapter that sends every message received on {@code factory}'s associations to {@code channel}.
     */
    static SctpReceivingChannelAdapter inbound(AbstractSctpAssociationFactory factory,
            SctpEndpointProperties endpoint, String channel) {
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(factory);
        adapter.setOutputChannelName(channel);
        if (endpoint.getPayloadType() == SctpEndpointProperties.PayloadType.STRING) {
            adapter.setPayloadConverter(converter(endpoint));
        }
        String errorChannel = endpoint.getErrorChannel();
        if (errorChannel != null) {
            adapter.setErrorChannelName(errorChannel);
            adapter.setErrorMessageStrategy(new SctpErrorMessageStrategy());
        }
        adapter.setAutoStartup(endpoint.isAutoStartup());
        return adapter;
    }

    /**
     * Returns the outbound gateway of a client in request-reply mode: each request takes a free stream, and the
     * peer's next message on that stream is its reply; other messages of the peer go to {@code unsolicited}.
     */
    static SctpOutboundGateway gateway(AbstractSctpAssociationFactory factory, SctpClientProperties client,
            MessageChannel unsolicited) {
        SctpOutboundGateway gateway = new SctpOutboundGateway();
        gateway.setAssociationFactory(factory);
        SctpSendInfoResolver resolver = gateway.getSendInfoResolver();
        SctpEndpointProperties.Send send = client.getSend();
        resolver.setDefaults(SendInfo.of(send.getStream(), (int) send.getPpid()).withUnordered(send.isUnordered()));
        resolver.setCharset(client.getCharset());
        gateway.setPayloadConverter(converter(client));
        gateway.setUnsolicitedMessageChannel(unsolicited);
        gateway.setRemoteTimeout(client.getReplyTimeout());
        gateway.setRequestTimeout(client.getSendTimeout());
        return gateway;
    }

    private static SctpPayloadConverter converter(SctpEndpointProperties endpoint) {
        SctpPayloadConverter converter = new SctpPayloadConverter();
        if (endpoint.getPayloadType() == SctpEndpointProperties.PayloadType.STRING) {
            converter.setPayloadType(String.class);
            converter.setCharset(endpoint.getCharset());
        }
        return converter;
    }

    /**
     * Builds the ErrorMessage of a failed inbound message with that message's headers, so that what a handler on the
     * error channel returns goes to the {@code replyChannel} header, on the association and stream of the request.
     */
    static final class SctpErrorMessageStrategy implements ErrorMessageStrategy {

        @Override
        public ErrorMessage buildErrorMessage(Throwable throwable, @Nullable AttributeAccessor attributes) {
            Object input = attributes == null ? null
                    : attributes.getAttribute(ErrorMessageUtils.INPUT_MESSAGE_CONTEXT_KEY);
            if (input instanceof Message<?> failed) {
                Map<String, Object> headers = new HashMap<>(failed.getHeaders());
                headers.remove(MessageHeaders.ID);
                headers.remove(MessageHeaders.TIMESTAMP);
                return new ErrorMessage(throwable, headers, failed);
            }
            return new ErrorMessage(throwable);
        }
    }

    /**
     * Returns the handler that sends messages on {@code factory}'s associations: on the association the
     * {@code sctp_associationId} header names or, for a client, on the client's association. A client ignores the
     * association id of messages that came through another factory (a request received by a listener and forwarded
     * with its headers), so they go to the client's peer instead of failing.
     */
    static SctpSendingMessageHandler outbound(AbstractSctpAssociationFactory factory,
            SctpEndpointProperties endpoint) {
        SctpSendingMessageHandler handler = new SctpSendingMessageHandler();
        handler.setAssociationFactory(factory);
        SctpSendInfoResolver resolver = handler.getSendInfoResolver();
        SctpEndpointProperties.Send send = endpoint.getSend();
        resolver.setDefaults(SendInfo.of(send.getStream(), (int) send.getPpid()).withUnordered(send.isUnordered()));
        resolver.setCharset(endpoint.getCharset());
        return handler;
    }
}
