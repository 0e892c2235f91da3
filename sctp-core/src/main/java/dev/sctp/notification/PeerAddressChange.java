package dev.sctp.notification;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code SCTP_PEER_ADDR_CHANGE}: one of the peer's addresses changed state (RFC 6458 section 6.1.2; linux/sctp.h
 * {@code struct sctp_paddr_change}).
 *
 * @param flags {@code spc_flags}; unused by Linux (0)
 * @param address {@code spc_aaddr}: the peer address concerned; a v4-mapped IPv6 address is reported as IPv4, and
 *     {@code null} stands for an {@code AF_UNSPEC} address
 * @param state what happened to the address, {@link State#UNKNOWN} for a code this library does not know
 * @param stateCode the raw {@code spc_state}
 * @param error {@code spc_error}: further information about a failure, otherwise 0
 * @param associationId {@code spc_assoc_id}
 */
public record PeerAddressChange(
        int flags, @Nullable InetSocketAddress address, State state, int stateCode, int error, int associationId)
        implements SctpNotification {

    /**
     * The {@code spc_state} values (RFC 6458 section 6.1.2; linux/sctp.h {@code enum sctp_spc_state}).
     */
    public enum State {
        /** The address is reachable again. linux/sctp.h: {@code SCTP_ADDR_AVAILABLE} = 0. */
        ADDR_AVAILABLE(0),
        /**
         * The address can no longer be reached; traffic moves to another path. linux/sctp.h:
         * {@code SCTP_ADDR_UNREACHABLE} = 1.
         */
        ADDR_UNREACHABLE(1),
        /** The address was removed from the association. linux/sctp.h: {@code SCTP_ADDR_REMOVED} = 2. */
        ADDR_REMOVED(2),
        /** The address was added to the association. linux/sctp.h: {@code SCTP_ADDR_ADDED} = 3. */
        ADDR_ADDED(3),
        /** The address became the primary path. linux/sctp.h: {@code SCTP_ADDR_MADE_PRIM} = 4. */
        ADDR_MADE_PRIM(4),
        /** A heartbeat confirmed the address. linux/sctp.h: {@code SCTP_ADDR_CONFIRMED} = 5. */
        ADDR_CONFIRMED(5),
        /**
         * The path is potentially failed (RFC 7829); reported only when the socket exposes that state.
         * linux/sctp.h: {@code SCTP_ADDR_POTENTIALLY_FAILED} ({@code SCTP_ADDR_PF}) = 6.
         */
        ADDR_POTENTIALLY_FAILED(6),
        /** A state code this library does not know; see {@link PeerAddressChange#stateCode()}. */
        UNKNOWN(-1);

        private final int code;

        State(int code) {
            this.code = code;
        }

        /**
         * Returns the {@code spc_state} code.
         *
         * @return the code, or -1 for {@link #UNKNOWN}
         */
        public int code() {
            return code;
        }

        /**
         * Returns the state for a {@code spc_state} code.
         *
         * @param code a {@code spc_state} value
         * @return the matching state, or {@link #UNKNOWN}
         */
        public static State of(int code) {
            return switch (code) {
                case 0 -> ADDR_AVAILABLE;
                case 1 -> ADDR_UNREACHABLE;
                case 2 -> ADDR_REMOVED;
                case 3 -> ADDR_ADDED;
                case 4 -> ADDR_MADE_PRIM;
                case 5 -> ADDR_CONFIRMED;
                case 6 -> ADDR_POTENTIALLY_FAILED;
                default -> UNKNOWN;
            };
        }
    }

    /**
     * Creates the notification.
     *
     * @param flags {@code spc_flags}
     * @param address {@code spc_aaddr}, or {@code null} for {@code AF_UNSPEC}
     * @param state what happened to the address
     * @param stateCode the raw {@code spc_state}
     * @param error {@code spc_error}
     * @param associationId {@code spc_assoc_id}
     * @throws IllegalArgumentException if {@code state} is not {@code State.of(stateCode)}
     */
    public PeerAddressChange {
        Objects.requireNonNull(state, "state");
        if (state != State.of(stateCode)) {
            throw new IllegalArgumentException("state " + state + " does not match spc_state " + stateCode);
        }
    }

    /**
     * Creates the notification for a known {@code state}.
     *
     * @param flags {@code spc_flags}
     * @param address {@code spc_aaddr}, or {@code null} for {@code AF_UNSPEC}
     * @param state what happened to the address
     * @param error {@code spc_error}
     * @param associationId {@code spc_assoc_id}
     */
    public PeerAddressChange(int flags, @Nullable InetSocketAddress address, State state, int error,
            int associationId) {
        this(flags, address, state, state.code(), error, associationId);
    }

    /** Returns {@link NotificationType#PEER_ADDR_CHANGE}. */
    @Override
    public NotificationType type() {
        return NotificationType.PEER_ADDR_CHANGE;
    }
}
