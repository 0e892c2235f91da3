package dev.sctp.integration.inbound;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpListener;
import dev.sctp.integration.support.SctpFactoryBinding;
import dev.sctp.integration.support.SctpHeaderMapper;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.support.SctpPayloadConverter;
import dev.sctp.integration.support.SctpSendInfoResolver;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.integration.gateway.MessagingGatewaySupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

/**
 * An inbound request/reply gateway: each message received on the factory's associations is a request sent to the
 * request channel, and the reply goes back on the same association and the same stream, with the request's PPID
 * (reply headers or the gateway's expressions may override stream, PPID, unordered, context and lifetime).
 *
 * <p>Requests of one stream are handled one after the other, streams and associations in parallel, so one
 * association carries as many concurrent request/reply flows as it has streams. A request whose flow produces no
 * reply gets none. Failures go to the error channel (whose reply, if any, is sent back) or are logged at error level
 * naming the association. On a client factory ({@link SctpClientModeCapable}) this side connects and answers the
 * requests the server sends. A reply that cannot be sent (the association closed, the send failed) goes to the error
 * channel as a {@link MessagingException} carrying the reply, or is logged.
 *
 * @since 0.1.0
 */
public class SctpInboundGateway extends MessagingGatewaySupport
        implements SctpListener, SctpClientModeCapable {

    private final SctpFactoryBinding factoryBinding = new SctpFactoryBinding();
    private SctpPayloadConverter payloadConverter = new SctpPayloadConverter();
    private SctpSendInfoResolver sendInfoResolver = new SctpSendInfoResolver();

    /**
     * Sets the factory whose associations carry the requests; the gateway registers as its listener.
     *
     * @param associationFactory the factory
     */
    public void setAssociationFactory(AbstractSctpAssociationFactory associationFactory) {
        factoryBinding.bind(associationFactory, this);
    }

    /** Returns the factory. */
    @Override
    public @Nullable AbstractSctpAssociationFactory getAssociationFactory() {
        return factoryBinding.get();
    }

    @Override
    @ManagedAttribute(description = "Whether the factory is a client factory and has an open association")
    public boolean isClientModeConnected() {
        return SctpClientModeCapable.super.isClientModeConnected();
    }

    @Override
    @ManagedOperation(description = "Connects the client factory at once if it has no open association")
    public boolean retryConnection() {
        return SctpClientModeCapable.super.retryConnection();
    }

    /**
     * Sets the converter of request payloads; by default they stay {@code byte[]}.
     *
     * @param payloadConverter the converter
     */
    public void setPayloadConverter(SctpPayloadConverter payloadConverter) {
        this.payloadConverter = payloadConverter;
    }

    /** Returns the converter of received payloads. */
    public SctpPayloadConverter getPayloadConverter() {
        return payloadConverter;
    }

    /**
     * Sets how replies are encoded and sent; its defaults are replaced per request by the request's stream and PPID.
     *
     * @param sendInfoResolver the resolver
     */
    public void setSendInfoResolver(SctpSendInfoResolver sendInfoResolver) {
        this.sendInfoResolver = sendInfoResolver;
    }

    /** Returns the resolver of replies' send information. */
    public SctpSendInfoResolver getSendInfoResolver() {
        return sendInfoResolver;
    }

    @Override
    public String getComponentType() {
        return "sctp:inbound-gateway";
    }

    @Override
    protected void onInit() {
        super.onInit();
        AbstractSctpAssociationFactory associationFactory = factoryBinding.required(getComponentName());
        sendInfoResolver.setFallbackHeaderMapper(associationFactory.getHeaderMapper());
    }

    @Override
    protected void doStart() {
        super.doStart();
        factoryBinding.start();
    }

    @Override
    public void onMessage(Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        Object associationId = headers.get(SctpHeaders.ASSOCIATION_ID);
        Message<?> reply;
        try {
            reply = sendAndReceiveMessage(payloadConverter.toMessage(message, getMessageBuilderFactory()));
        } catch (RuntimeException e) {
            logger.error(e, () -> "Request from association " + associationId + " on stream "
                    + headers.get(SctpHeaders.STREAM_ID) + " failed and there is no error channel to handle it");
            return;
        }
        if (reply != null) {
            sendReply(message, reply, String.valueOf(associationId));
        }
    }

    private void sendReply(Message<byte[]> request, Message<?> reply, String associationId) {
        AbstractSctpAssociationFactory factory = factoryBinding.get();
        SctpAssociation association = factory == null ? null : factory.getAssociation(associationId);
        if (association == null) {
            replyFailed(reply, "The reply to a request from association " + associationId + " was not sent: the "
                    + "association closed before the reply was ready", null);
            return;
        }
        MessageHeaders requestHeaders = request.getHeaders();
        int stream = SctpHeaderMapper.toInt(SctpHeaders.STREAM_ID, requestHeaders.get(SctpHeaders.STREAM_ID));
        int ppid = SctpHeaderMapper.toInt(SctpHeaders.PPID, requestHeaders.get(SctpHeaders.PPID));
        SendInfo base = sendInfoResolver.getDefaults();
        // a copy only where the request differs from explicit defaults: most replies need none; SendInfo.DEFAULT
        // is always copied, since sent as is it would take the socket's DEFAULT_SNDINFO stream and PPID instead
        base = !base.usesSocketDefaults() && base.streamId() == stream ? base : base.withStream(stream);
        base = base.ppid() == ppid ? base : base.withPpid(ppid);
        try {
            association.send(sendInfoResolver.payloadBytes(reply), sendInfoResolver.resolve(reply, base));
        } catch (IOException | RuntimeException e) {
            replyFailed(reply, "Failed to send the reply to association " + associationId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A reply that could not be sent goes, with its payload, to the error channel as a {@link MessagingException}
     * whose failed message is the reply; without an error channel it is logged at error level.
     */
    private void replyFailed(Message<?> reply, String description, @Nullable Throwable cause) {
        MessagingException failure = new MessagingException(reply, description, cause);
        MessageChannel errorChannel = getErrorChannel();
        if (errorChannel != null) {
            try {
                if (errorChannel.send(new ErrorMessage(failure))) {
                    return;
                }
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        logger.error(failure, () -> description + "; no error channel took the failure");
    }
}
