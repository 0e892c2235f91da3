package dev.sctp.notification;

/**
 * An SCTP notification (RFC 6458 section 6.1): an event the stack reports in-band, in place of a data message,
 * for the associations the socket subscribed to.
 *
 * <p>Each Linux notification type has its own immutable record; switch over them with pattern matching. The
 * deprecated {@code SCTP_SEND_FAILED} is {@link LegacySendFailed}; its successor {@code SCTP_SEND_FAILED_EVENT} is
 * {@link SendFailed}.
 */
public sealed interface SctpNotification
        permits AssociationChange, PeerAddressChange, LegacySendFailed, RemoteError, Shutdown, PartialDelivery,
                AdaptationIndication, Authentication, SenderDry, StreamReset, AssociationReset, StreamChange,
                SendFailed {

    /**
     * Returns the association the notification is about ({@code sctp_assoc_t}). One-to-one sockets may report any
     * value, usually 0.
     *
     * @return the association id
     */
    int associationId();

    /**
     * Returns the notification's {@code sn_flags} (an unsigned 16-bit value); their meaning depends on the type.
     *
     * @return the flags
     */
    int flags();

    /**
     * Returns the notification's type.
     *
     * @return the type; never {@link NotificationType#DATA_IO}
     */
    NotificationType type();
}
