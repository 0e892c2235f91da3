package dev.sctp.notification;

/**
 * {@code SCTP_SENDER_DRY_EVENT}: the stack has no user data left to send or retransmit on the association (RFC 6458
 * section 6.1.9; linux/sctp.h {@code struct sctp_sender_dry_event}). Subscribing while the association is already
 * idle produces one at once.
 *
 * @param flags {@code sender_dry_flags}; unused by Linux (0)
 * @param associationId {@code sender_dry_assoc_id}
 */
public record SenderDry(int flags, int associationId) implements SctpNotification {

    /** Returns {@link NotificationType#SENDER_DRY_EVENT}. */
    @Override
    public NotificationType type() {
        return NotificationType.SENDER_DRY_EVENT;
    }
}
