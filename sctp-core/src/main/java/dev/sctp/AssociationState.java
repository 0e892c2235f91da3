package dev.sctp;

/**
 * The state of an association as {@link SctpSocket#status()} reports it ({@code sstat_state}, RFC 6458 section
 * 8.2.1; linux/sctp.h {@code enum sctp_sstat_state}, the RFC 4960 section 4 state machine).
 */
public enum AssociationState {
    /** No association. linux/sctp.h: {@code SCTP_EMPTY} = 0. */
    EMPTY(0),
    /** Closed. {@code SCTP_CLOSED} = 1. */
    CLOSED(1),
    /** INIT sent, waiting for INIT-ACK. {@code SCTP_COOKIE_WAIT} = 2. */
    COOKIE_WAIT(2),
    /** COOKIE-ECHO sent, waiting for COOKIE-ACK. {@code SCTP_COOKIE_ECHOED} = 3. */
    COOKIE_ECHOED(3),
    /** Up: data flows. {@code SCTP_ESTABLISHED} = 4. */
    ESTABLISHED(4),
    /** Shutdown asked for locally; outstanding data still awaits acknowledgement. {@code SCTP_SHUTDOWN_PENDING} = 5. */
    SHUTDOWN_PENDING(5),
    /** SHUTDOWN sent. {@code SCTP_SHUTDOWN_SENT} = 6. */
    SHUTDOWN_SENT(6),
    /** SHUTDOWN received from the peer. {@code SCTP_SHUTDOWN_RECEIVED} = 7. */
    SHUTDOWN_RECEIVED(7),
    /** SHUTDOWN-ACK sent, waiting for SHUTDOWN-COMPLETE. {@code SCTP_SHUTDOWN_ACK_SENT} = 8. */
    SHUTDOWN_ACK_SENT(8),
    /** A state code this library does not know. */
    UNKNOWN(-1);

    private final int code;

    AssociationState(int code) {
        this.code = code;
    }

    /**
     * Returns the {@code sstat_state} code.
     *
     * @return the code, or -1 for {@link #UNKNOWN}
     */
    public int code() {
        return code;
    }

    /**
     * Returns the state for a {@code sstat_state} code.
     *
     * @param code a {@code sstat_state} value
     * @return the matching state, or {@link #UNKNOWN}
     */
    public static AssociationState of(int code) {
        for (AssociationState s : values()) {
            if (s.code == code && s != UNKNOWN) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
