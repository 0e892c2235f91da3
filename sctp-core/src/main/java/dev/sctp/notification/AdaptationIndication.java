package dev.sctp.notification;

/**
 * {@code SCTP_ADAPTATION_INDICATION}: the peer announced an adaptation layer indication in its INIT or INIT-ACK
 * (RFC 6458 section 6.1.6, RFC 5061 section 4.2.7; linux/sctp.h {@code struct sctp_adaptation_event}).
 *
 * @param flags {@code sai_flags}; unused by Linux (0)
 * @param adaptationIndication {@code sai_adaptation_ind}: the peer's 32-bit indication, in host byte order
 * @param associationId {@code sai_assoc_id}
 */
public record AdaptationIndication(int flags, int adaptationIndication, int associationId)
        implements SctpNotification {

    /** Returns {@link NotificationType#ADAPTATION_INDICATION}. */
    @Override
    public NotificationType type() {
        return NotificationType.ADAPTATION_INDICATION;
    }
}
