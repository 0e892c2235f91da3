package dev.sctp.notification;

/**
 * {@code SCTP_STREAM_CHANGE_EVENT}: the result of a request by either side to add streams (RFC 6525 section 6.1.3;
 * linux/sctp.h {@code struct sctp_stream_change_event}).
 *
 * @param flags {@code strchange_flags}: {@link #DENIED} or {@link #FAILED} when no streams were added
 * @param associationId {@code strchange_assoc_id}
 * @param inboundStreams {@code strchange_instrms}: the number of inbound streams now
 * @param outboundStreams {@code strchange_outstrms}: the number of outbound streams now
 */
public record StreamChange(int flags, int associationId, int inboundStreams, int outboundStreams)
        implements SctpNotification {

    /**
     * The peer refused the request. linux/sctp.h: {@code SCTP_STREAM_CHANGE_DENIED} =
     * {@code SCTP_ASSOC_CHANGE_DENIED} = 0x0004.
     */
    public static final int DENIED = 0x0004;
    /**
     * The request failed. linux/sctp.h: {@code SCTP_STREAM_CHANGE_FAILED} = {@code SCTP_ASSOC_CHANGE_FAILED} =
     * 0x0008.
     */
    public static final int FAILED = 0x0008;

    /**
     * Tells whether the peer refused the request ({@link #DENIED}).
     *
     * @return {@code true} if the flag is set
     */
    public boolean isDenied() {
        return (flags & DENIED) != 0;
    }

    /**
     * Tells whether the request failed ({@link #FAILED}).
     *
     * @return {@code true} if the flag is set
     */
    public boolean isFailed() {
        return (flags & FAILED) != 0;
    }

    /** Returns {@link NotificationType#STREAM_CHANGE_EVENT}. */
    @Override
    public NotificationType type() {
        return NotificationType.STREAM_CHANGE_EVENT;
    }
}
