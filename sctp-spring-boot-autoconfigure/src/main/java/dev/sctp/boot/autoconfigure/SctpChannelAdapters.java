package dev.sctp.boot.autoconfigure;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.integration.support.SctpPayloadConverter;
import dev.sctp.integration.support.SctpSendInfoResolver;

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
            SctpPayloadConverter converter = new SctpPayloadConverter();
            converter.setPayloadType(String.class);
            converter.setCharset(endpoint.getCharset());
            adapter.setPayloadConverter(converter);
        }
        adapter.setAutoStartup(endpoint.isAutoStartup());
        return adapter;
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
