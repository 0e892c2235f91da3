package dev.sctp;

/**
 * Which RFC 6525 reconfiguration requests an association accepts from its peer and lets this side send: the value
 * of {@link SctpOptions#ENABLE_STREAM_RESET} ({@code SCTP_ENABLE_STREAM_RESET}, RFC 6525 section 6.3.1).
 *
 * <p>Each kind is checked on both ends: Linux refuses to send a request whose kind this side has not enabled
 * (ENOPROTOOPT), and answers a peer's request of a kind not enabled here with "denied", which the requester sees as
 * a notification with the {@code DENIED} flag. The requests also need RFC 6525 support negotiated at association
 * set-up: see {@link SctpOptions#RECONFIG_SUPPORTED}.
 *
 * @param resetStreams {@code SCTP_ENABLE_RESET_STREAM_REQ}: resetting streams ({@link SctpSocket#resetOutgoingStreams},
 *     {@link SctpSocket#resetIncomingStreams})
 * @param resetAssociation {@code SCTP_ENABLE_RESET_ASSOC_REQ}: resetting the association's TSNs
 *     ({@link SctpSocket#resetAssociation})
 * @param addStreams {@code SCTP_ENABLE_CHANGE_ASSOC_REQ}: adding streams ({@link SctpSocket#addStreams})
 */
public record ReconfigurationRequests(boolean resetStreams, boolean resetAssociation, boolean addStreams) {

    /** No request of any kind: the kernel's default. */
    public static final ReconfigurationRequests NONE = new ReconfigurationRequests(false, false, false);

    /** Every kind of request. */
    public static final ReconfigurationRequests ALL = new ReconfigurationRequests(true, true, true);

    /** linux/sctp.h {@code SCTP_ENABLE_RESET_STREAM_REQ}. */
    static final int RESET_STREAM_REQ = 0x01;
    /** linux/sctp.h {@code SCTP_ENABLE_RESET_ASSOC_REQ}. */
    static final int RESET_ASSOC_REQ = 0x02;
    /** linux/sctp.h {@code SCTP_ENABLE_CHANGE_ASSOC_REQ}. */
    static final int CHANGE_ASSOC_REQ = 0x04;

    /**
     * Returns the {@code assoc_value} bits of {@code SCTP_ENABLE_STREAM_RESET} (linux/sctp.h
     * {@code SCTP_ENABLE_STRRESET_MASK} = 0x07).
     *
     * @return the flags, 0 to 7
     */
    public int flags() {
        return (resetStreams ? RESET_STREAM_REQ : 0) | (resetAssociation ? RESET_ASSOC_REQ : 0)
                | (addStreams ? CHANGE_ASSOC_REQ : 0);
    }

    /**
     * Returns the requests of an {@code SCTP_ENABLE_STREAM_RESET} value.
     *
     * @param flags the {@code assoc_value} bits
     * @return the matching requests
     * @throws IllegalArgumentException if a bit outside 0x07 is set
     */
    public static ReconfigurationRequests ofFlags(int flags) {
        if ((flags & ~0x07) != 0) {
            throw new IllegalArgumentException("SCTP_ENABLE_STREAM_RESET flags 0x" + Integer.toHexString(flags)
                    + " set bits outside 0x07 (reset streams 0x01, reset association 0x02, add streams 0x04)");
        }
        return new ReconfigurationRequests((flags & RESET_STREAM_REQ) != 0, (flags & RESET_ASSOC_REQ) != 0,
                (flags & CHANGE_ASSOC_REQ) != 0);
    }
}
