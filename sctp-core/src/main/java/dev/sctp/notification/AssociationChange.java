package dev.sctp.notification;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code SCTP_ASSOC_CHANGE}: an association has begun or ended (RFC 6458 section 6.1.1; linux/sctp.h
 * {@code struct sctp_assoc_change}).
 *
 * <p>A new association's id is first learned from {@link State#COMM_UP}. On one-to-many sockets, the loss of an
 * association is reported only through {@link State#COMM_LOST} or {@link State#CANT_STR_ASSOC}.
 *
 * @param flags {@code sac_flags}; unused by Linux (0)
 * @param state what happened, {@link State#UNKNOWN} for a code this library does not know
 * @param stateCode the raw {@code sac_state}
 * @param error {@code sac_error}: for a failure, the SCTP error cause code (RFC 9260 section 3.3.10) that led to it,
 *     otherwise 0; an unsigned 16-bit value
 * @param outboundStreams {@code sac_outbound_streams}: the number of outbound streams negotiated
 * @param inboundStreams {@code sac_inbound_streams}: the number of inbound streams negotiated
 * @param associationId {@code sac_assoc_id}
 * @param info {@code sac_info}: the bytes after the fixed part. When the association ended because of a received
 *     ABORT, Linux puts the ABORT chunk's error causes here (each one a big-endian code, length and value, RFC 9260
 *     section 3.3.7); otherwise Linux sends none. RFC 6458 also allows a list of {@code SCTP_ASSOC_SUPPORTS_*}
 *     feature bytes for {@link State#COMM_UP} and {@link State#RESTART}, which Linux does not send.
 */
public record AssociationChange(
        int flags, State state, int stateCode, int error, int outboundStreams, int inboundStreams,
        int associationId, byte[] info) implements SctpNotification {

    /**
     * The {@code sac_state} values (RFC 6458 section 6.1.1; linux/sctp.h {@code enum sctp_sac_state}).
     */
    public enum State {
        /** A new association is ready to exchange data. linux/sctp.h: {@code SCTP_COMM_UP} = 0. */
        COMM_UP(0),
        /** The association failed; it is gone. linux/sctp.h: {@code SCTP_COMM_LOST} = 1. */
        COMM_LOST(1),
        /**
         * The peer restarted: the association is up again, but streams and sequence numbers were reset and data
         * may have been lost. linux/sctp.h: {@code SCTP_RESTART} = 2.
         */
        RESTART(2),
        /** The association was shut down gracefully. linux/sctp.h: {@code SCTP_SHUTDOWN_COMP} = 3. */
        SHUTDOWN_COMP(3),
        /** The association could not be set up. linux/sctp.h: {@code SCTP_CANT_STR_ASSOC} = 4. */
        CANT_STR_ASSOC(4),
        /** A state code this library does not know; see {@link AssociationChange#stateCode()}. */
        UNKNOWN(-1);

        private final int code;

        State(int code) {
            this.code = code;
        }

        /**
         * Returns the {@code sac_state} code.
         *
         * @return the code, or -1 for {@link #UNKNOWN}
         */
        public int code() {
            return code;
        }

        /**
         * Returns the state for a {@code sac_state} code.
         *
         * @param code a {@code sac_state} value
         * @return the matching state, or {@link #UNKNOWN}
         */
        public static State of(int code) {
            return switch (code) {
                case 0 -> COMM_UP;
                case 1 -> COMM_LOST;
                case 2 -> RESTART;
                case 3 -> SHUTDOWN_COMP;
                case 4 -> CANT_STR_ASSOC;
                default -> UNKNOWN;
            };
        }
    }

    /**
     * Creates the notification, copying {@code info}.
     *
     * @param flags {@code sac_flags}
     * @param state what happened
     * @param stateCode the raw {@code sac_state}
     * @param error {@code sac_error}
     * @param outboundStreams {@code sac_outbound_streams}
     * @param inboundStreams {@code sac_inbound_streams}
     * @param associationId {@code sac_assoc_id}
     * @param info {@code sac_info}, copied
     * @throws IllegalArgumentException if {@code state} is not {@code State.of(stateCode)}
     */
    public AssociationChange {
        Objects.requireNonNull(state, "state");
        if (state != State.of(stateCode)) {
            throw new IllegalArgumentException("state " + state + " does not match sac_state " + stateCode);
        }
        info = info.clone();
    }

    /**
     * Creates the notification for a known {@code state}.
     *
     * @param flags {@code sac_flags}
     * @param state what happened
     * @param error {@code sac_error}
     * @param outboundStreams {@code sac_outbound_streams}
     * @param inboundStreams {@code sac_inbound_streams}
     * @param associationId {@code sac_assoc_id}
     * @param info {@code sac_info}
     */
    public AssociationChange(int flags, State state, int error, int outboundStreams, int inboundStreams,
            int associationId, byte[] info) {
        this(flags, state, state.code(), error, outboundStreams, inboundStreams, associationId, info);
    }

    /**
     * Returns a copy of {@code sac_info}.
     *
     * @return the bytes after the fixed part, possibly empty
     */
    @Override
    public byte[] info() {
        return info.clone();
    }

    /** Returns {@link NotificationType#ASSOC_CHANGE}. */
    @Override
    public NotificationType type() {
        return NotificationType.ASSOC_CHANGE;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || o instanceof AssociationChange other
                && flags == other.flags && state == other.state && stateCode == other.stateCode
                && error == other.error && outboundStreams == other.outboundStreams
                && inboundStreams == other.inboundStreams && associationId == other.associationId
                && Arrays.equals(info, other.info);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(flags, stateCode, error, outboundStreams, inboundStreams, associationId)
                + Arrays.hashCode(info);
    }

    @Override
    public String toString() {
        return "AssociationChange[flags=" + flags + ", state=" + state + ", stateCode=" + stateCode
                + ", error=" + error + ", outboundStreams=" + outboundStreams + ", inboundStreams=" + inboundStreams
                + ", associationId=" + associationId + ", info=" + NotificationBytes.toString(info) + "]";
    }
}
