package dev.sctp;

/**
 * The state of one peer address (path), as {@link SctpSocket#peerAddressInfo} reports it ({@code spinfo_state}, RFC
 * 6458 section 8.2.2; linux/sctp.h {@code enum sctp_spinfo_state}).
 */
public enum PathState {
    /** Unreachable: it exceeded its retransmission limit. linux/sctp.h: {@code SCTP_INACTIVE} = 0. */
    INACTIVE(0),
    /**
     * Potentially failed (RFC 7829): reachable in doubt, so traffic avoids it. {@code SCTP_PF} = 1; reported only
     * where the socket exposes that state.
     */
    POTENTIALLY_FAILED(1),
    /** Reachable. {@code SCTP_ACTIVE} = 2. */
    ACTIVE(2),
    /** Not yet confirmed by a heartbeat. {@code SCTP_UNCONFIRMED} = 3. */
    UNCONFIRMED(3),
    /** A state code this library does not know ({@code SCTP_UNKNOWN} = 0xffff included). */
    UNKNOWN(-1);

    private final int code;

    PathState(int code) {
        this.code = code;
    }

    /**
     * Returns the {@code spinfo_state} code.
     *
     * @return the code, or -1 for {@link #UNKNOWN}
     */
    public int code() {
        return code;
    }

    /**
     * Returns the state for a {@code spinfo_state} code.
     *
     * @param code a {@code spinfo_state} value
     * @return the matching state, or {@link #UNKNOWN}
     */
    public static PathState of(int code) {
        for (PathState s : values()) {
            if (s.code == code && s != UNKNOWN) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
