package dev.sctp.integration.inbound;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationException;
import dev.sctp.integration.connection.SctpListener;
import dev.sctp.integration.support.SctpFactoryBinding;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.support.SctpPayloadConverter;
import dev.sctp.notification.SctpNotification;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Turns every message received on the associations of a factory into a Spring message, sent to the output channel.
 *
 * <p>The payload is the message's {@code byte[]} (or converted, see {@link #setPayloadConverter}); the headers are
 * those of {@link SctpHeaders}, so an outbound adapter or gateway on the same factory can answer on the same
 * association. Messages of one stream arrive in order, streams and associations in parallel. A failure to send
 * downstream, or a message too large to receive, goes to the error channel as an {@link ErrorMessage}, or is logged
 * at error level when there is none. With {@link #setPublishNotifications} the SCTP notifications are sent as
 * messages too, with the notification record as payload.
 *
 * <p>The factory may be a server or a client factory ({@link SctpClientModeCapable}): on a client factory this side
 * connects and the messages the server sends arrive here. Starting the adapter starts its factory if needed. The
 * adapter starts in phase {@code Integer.MAX_VALUE / 2}, after the factory, and stops before it.
 *
 * @since 0.1.0
 */
public class SctpReceivingChannelAdapter extends MessageProducerSupport
        implements SctpListener, SctpClientModeCapable {

    private final SctpFactoryBinding factoryBinding = new SctpFactoryBinding();
    private SctpPayloadConverter payloadConverter = new SctpPayloadConverter();
    private boolean publishNotifications;

    /**
     * Sets the factory whose associations this adapter receives from; the adapter registers as its listener.
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
     * Sets the converter of received payloads; by default they stay {@code byte[]}.
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
     * Sets whether SCTP notifications (association changes, address changes, send failures...) are also sent as
     * messages, with the notification record as payload and the {@link SctpHeaders#NOTIFICATION_TYPE} header.
     * Default false; the factory publishes them as application events either way.
     *
     * @param publishNotifications whether to send notifications as messages
     */
    public void setPublishNotifications(boolean publishNotifications) {
        this.publishNotifications = publishNotifications;
    }

    @Override
    public String getComponentType() {
        return "sctp:inbound-channel-adapter";
    }

    @Override
    protected void onInit() {
        super.onInit();
        factoryBinding.required(getComponentName());
    }

    @Override
    protected void doStart() {
        super.doStart();
        factoryBinding.start();
    }

    @Override
    public void onMessage(Message<byte[]> message) {
        try {
            sendMessage(payloadConverter.toMessage(message, getMessageBuilderFactory()));
        } catch (RuntimeException e) {
            // the message was delivered; what failed is the flow it went through, often a reply sent back on
            // another endpoint, so say that rather than "failed to deliver"
            Object association = message.getHeaders().get(SctpHeaders.ASSOCIATION_ID);
            Object stream = message.getHeaders().get(SctpHeaders.STREAM_ID);
            boolean sendFailed = NestedExceptionUtils.getMostSpecificCause(e) instanceof SctpAssociationException
                    || e.getCause() instanceof SctpAssociationException;
            logger.error(e, () -> (sendFailed ? "Sending in the flow of the message from association "
                    : "The flow of the message from association ") + association + " on stream " + stream
                    + " failed and there is no error channel: " + e.getMessage());
        }
    }

    @Override
    public void onNotification(SctpAssociation association, SctpNotification notification) {
        if (!publishNotifications) {
            return;
        }
        Map<String, Object> headers = new HashMap<>();
        headers.put(SctpHeaders.ASSOCIATION_ID, association.getId());
        headers.put(SctpHeaders.FACTORY_NAME, association.getFactory().getComponentName());
        headers.put(SctpHeaders.NOTIFICATION_TYPE, notification.type().name());
        association.getFactory().getHeaderMapper().putAddresses(association, headers);
        onMessageObject(getMessageBuilderFactory().withPayload((Object) notification).copyHeaders(headers).build(),
                association);
    }

    private void onMessageObject(Message<?> message, SctpAssociation association) {
        try {
            sendMessage(message);
        } catch (RuntimeException e) {
            logger.error(e, () -> "Failed to deliver a notification of association " + association.getId());
        }
    }

    @Override
    public boolean onError(SctpAssociation association, Exception error) {
        MessageChannel errorChannel = getErrorChannel();
        if (errorChannel == null) {
            return false;
        }
        Map<String, Object> headers = new HashMap<>();
        headers.put(SctpHeaders.ASSOCIATION_ID, association.getId());
        getMessagingTemplate().send(errorChannel, new ErrorMessage(new MessagingException(error.getMessage(), error),
                headers));
        return true;
    }
}
