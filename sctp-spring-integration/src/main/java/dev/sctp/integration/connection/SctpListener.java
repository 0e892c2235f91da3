package dev.sctp.integration.connection;

import dev.sctp.notification.SctpNotification;
import org.springframework.messaging.Message;

/**
 * Receives what arrives on the associations of a factory: the endpoint (inbound adapter or gateway, outbound
 * gateway) registered with {@link AbstractSctpAssociationFactory#registerListener}.
 *
 * <p>{@link #onMessage} is called serially for the messages of one stream of one association, and in parallel for
 * different streams and associations; the other callbacks run on the association's reader thread, in order with the
 * data as it is read.
 *
 * @since 0.1.0
 */
public interface SctpListener {

    /**
     * Handles one received message, whose headers are those of {@link dev.sctp.integration.support.SctpHeaders}.
     *
     * @param message the message; its payload is a {@code byte[]} owned by the message
     */
    void onMessage(Message<byte[]> message);

    /**
     * Handles a notification that arrived on {@code association}; the factory has already published the matching
     * event.
     *
     * @param association the association
     * @param notification the notification
     */
    default void onNotification(SctpAssociation association, SctpNotification notification) {
    }

    /**
     * Handles a failure to receive on {@code association} that did not end it, such as a message larger than the
     * factory's maximum message size.
     *
     * @param association the association
     * @param error the failure, naming the association and the cause
     * @return whether the error was handled; otherwise the factory logs it
     */
    default boolean onError(SctpAssociation association, Exception error) {
        return false;
    }

    /**
     * Called once an association has ended and left the factory.
     *
     * @param association the association
     * @param reason why it ended
     */
    default void onAssociationClosed(SctpAssociation association, CloseReason reason) {
    }
}
