package dev.sctp.integration.connection;

import dev.sctp.SctpAddress;
import dev.sctp.notification.SctpNotification;
import org.jspecify.annotations.Nullable;

/**
 * Callbacks about the associations of a factory and the traffic on them, for metrics and tracing; every method does
 * nothing by default. Register with {@link AbstractSctpAssociationFactory#addObserver}.
 *
 * <p>Callbacks run on the factory's threads and must be quick and must not throw.
 *
 * @since 0.1.0
 */
public interface SctpAssociationObserver {

    /**
     * An association came up (COMM_UP) and joined the factory.
     *
     * @param association the association
     */
    default void associationOpened(SctpAssociation association) {
    }

    /**
     * An association ended and left the factory.
     *
     * @param association the association
     * @param reason why it ended
     * @param cause the failure that ended it, if any
     */
    default void associationClosed(SctpAssociation association, CloseReason reason, @Nullable Throwable cause) {
    }

    /**
     * A client factory could not set up an association with {@code peer}.
     *
     * @param peer the peer addresses tried
     * @param cause why
     */
    default void connectFailed(SctpAddress peer, Throwable cause) {
    }

    /**
     * The factory aborted an association to protect itself: a peer outside the allow-list, a limit on associations
     * reached as it was accepted, or a message over the size limit.
     *
     * @param peer the peer's addresses, if known
     * @param reason which allow-list or limit
     * @param cause the error, naming the value, the limit and the setting to change
     */
    default void associationRejected(@Nullable SctpAddress peer, SctpRejection reason, Throwable cause) {
    }

    /**
     * A whole message arrived.
     *
     * @param association the association
     * @param streamId its stream
     * @param bytes its size
     */
    default void messageReceived(SctpAssociation association, int streamId, int bytes) {
    }

    /**
     * A message was handed to the kernel.
     *
     * @param association the association
     * @param streamId its stream
     * @param bytes its size
     */
    default void messageSent(SctpAssociation association, int streamId, int bytes) {
    }

    /**
     * A send failed: locally (the exception of the send call) or later, reported by a send-failed notification.
     *
     * @param association the association
     * @param streamId the message's stream
     * @param bytes the message's size
     * @param cause the failure
     */
    default void sendFailed(SctpAssociation association, int streamId, int bytes, Throwable cause) {
    }

    /**
     * A notification arrived.
     *
     * @param association the association
     * @param notification the notification
     */
    default void notificationReceived(SctpAssociation association, SctpNotification notification) {
    }
}
