package dev.sctp.notification;

/**
 * {@code SCTP_SHUTDOWN_EVENT}: the peer sent SHUTDOWN, so no new data should be sent on the association (RFC 6458
 * section 6.1.5; linux/sctp.h {@code struct sctp_shutdown_event}).
 *
 * @param flags {@code sse_flags}; unused by Linux (0)
 * @param associationId {@code sse_assoc_id}
 */
public record Shutdown(int flags, int associationId) implements SctpNotification {

    /** Returns {@link NotificationType#SHUTDOWN_EVENT}. */
    @Override
    public NotificationType type() {
        return NotificationType.SHUTDOWN_EVENT;
    }
}
