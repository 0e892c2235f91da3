package dev.sctp.notification;

/**
 * {@code SCTP_ASSOC_RESET_EVENT}: the result of an association (TSN) reset requested by either side (RFC 6525
 * section 6.1.2; linux/sctp.h {@code struct sctp_assoc_reset_event}).
 *
 * <p>RFC 6458 calls {@code assocreset_local_tsn} the local sender's next TSN; Linux (net/sctp/stream.c, both at the
 * requester and at the responder) puts there the next TSN it expects <em>from the peer</em>, and this side's own
 * next TSN in {@code assocreset_remote_tsn}. The components carry the kernel's values unchanged.
 *
 * @param flags {@code assocreset_flags}: {@link #DENIED} or {@link #FAILED} when the reset did not happen
 * @param associationId {@code assocreset_assoc_id}
 * @param localTsn {@code assocreset_local_tsn} (unsigned 32-bit): on Linux, the TSN of the next DATA chunk the peer
 *     sends
 * @param remoteTsn {@code assocreset_remote_tsn} (unsigned 32-bit): on Linux, the TSN of the next DATA chunk this
 *     side sends
 */
public record AssociationReset(int flags, int associationId, long localTsn, long remoteTsn)
        implements SctpNotification {

    /** The peer refused the reset. linux/sctp.h: {@code SCTP_ASSOC_RESET_DENIED} = 0x0004. */
    public static final int DENIED = 0x0004;
    /** The reset failed. linux/sctp.h: {@code SCTP_ASSOC_RESET_FAILED} = 0x0008. */
    public static final int FAILED = 0x0008;

    /**
     * Tells whether the peer refused the reset ({@link #DENIED}).
     *
     * @return {@code true} if the flag is set
     */
    public boolean isDenied() {
        return (flags & DENIED) != 0;
    }

    /**
     * Tells whether the reset failed ({@link #FAILED}).
     *
     * @return {@code true} if the flag is set
     */
    public boolean isFailed() {
        return (flags & FAILED) != 0;
    }

    /** Returns {@link NotificationType#ASSOC_RESET_EVENT}. */
    @Override
    public NotificationType type() {
        return NotificationType.ASSOC_RESET_EVENT;
    }
}
