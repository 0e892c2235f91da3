package dev.sctp.notification;

/**
 * {@code SCTP_STREAM_CHANGE_EVENT}: the result of a request by either side to add streams (RFC 6525 section 6.1.3;
 * linux/sctp.h {@code struct sctp_stream_change_event}).
 *
 * <p>Linux (net/sctp/stream.c) puts the number of streams <em>added</em> in each direction in the two counts, not the
 * new totals: a request to add 3 outgoing streams gives the requester {@code (in 0, out 3)} and the peer
 * {@code (in 3, out 0)}. Read the totals from {@code SctpSocket.status()}.
 *
 * @param flags {@code strchange_flags}: {@link #DENIED} or {@link #FAILED} when no streams were added
 * @param associationId {@code strchange_assoc_id}
 * @param inboundStreams {@code strchange_instrms}: on Linux, the number of inbound streams added (or asked for,
 *     when denied)
 * @param outboundStreams {@code strchange_outstrms}: on Linux, the number of outbound streams added (or asked for,
 *     when denied)
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
