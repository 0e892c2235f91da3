package dev.sctp.notification;

import java.util.Objects;

/**
 * {@code SCTP_PARTIAL_DELIVERY_EVENT}: a message that was being delivered in parts will not be completed (RFC 6458
 * section 6.1.7; linux/sctp.h {@code struct sctp_pdapi_event}). The parts already read must be discarded.
 *
 * @param flags {@code pdapi_flags}; unused by Linux (0)
 * @param indication what happened, {@link Indication#UNKNOWN} for a code this library does not know
 * @param indicationCode the raw {@code pdapi_indication}
 * @param associationId {@code pdapi_assoc_id}
 * @param stream {@code pdapi_stream}: the stream of the aborted message
 * @param sequence {@code pdapi_seq}: its stream sequence number, or its message identifier when I-DATA (RFC 8260)
 *     is in use; an unsigned 32-bit value
 */
public record PartialDelivery(
        int flags, Indication indication, int indicationCode, int associationId, int stream, int sequence)
        implements SctpNotification {

    /** The {@code pdapi_indication} values (RFC 6458 section 6.1.7; linux/sctp.h). */
    public enum Indication {
        /**
         * The partial delivery was aborted, for instance because the association ended. linux/sctp.h:
         * {@code SCTP_PARTIAL_DELIVERY_ABORTED} = 0.
         */
        ABORTED(0),
        /** An indication code this library does not know; see {@link PartialDelivery#indicationCode()}. */
        UNKNOWN(-1);

        private final int code;

        Indication(int code) {
            this.code = code;
        }

        /**
         * Returns the {@code pdapi_indication} code.
         *
         * @return the code, or -1 for {@link #UNKNOWN}
         */
        public int code() {
            return code;
        }

        /**
         * Returns the indication for a {@code pdapi_indication} code.
         *
         * @param code a {@code pdapi_indication} value
         * @return the matching indication, or {@link #UNKNOWN}
         */
        public static Indication of(int code) {
            return code == 0 ? ABORTED : UNKNOWN;
        }
    }

    /**
     * Creates the notification.
     *
     * @param flags {@code pdapi_flags}
     * @param indication what happened
     * @param indicationCode the raw {@code pdapi_indication}
     * @param associationId {@code pdapi_assoc_id}
     * @param stream {@code pdapi_stream}
     * @param sequence {@code pdapi_seq}
     * @throws IllegalArgumentException if {@code indication} is not {@code Indication.of(indicationCode)}
     */
    public PartialDelivery {
        Objects.requireNonNull(indication, "indication");
        if (indication != Indication.of(indicationCode)) {
            throw new IllegalArgumentException(
                    "indication " + indication + " does not match pdapi_indication " + indicationCode);
        }
    }

    /**
     * Creates the notification for a known {@code indication}.
     *
     * @param flags {@code pdapi_flags}
     * @param indication what happened
     * @param associationId {@code pdapi_assoc_id}
     * @param stream {@code pdapi_stream}
     * @param sequence {@code pdapi_seq}
     */
    public PartialDelivery(int flags, Indication indication, int associationId, int stream, int sequence) {
        this(flags, indication, indication.code(), associationId, stream, sequence);
    }

    /** Returns {@link NotificationType#PARTIAL_DELIVERY_EVENT}. */
    @Override
    public NotificationType type() {
        return NotificationType.PARTIAL_DELIVERY_EVENT;
    }
}
