package dev.sctp.notification;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code SCTP_STREAM_RESET_EVENT}: the result of a stream reset requested by either side (RFC 6525 section 6.1.1;
 * linux/sctp.h {@code struct sctp_stream_reset_event}).
 *
 * <p>The direction flags are from the receiving side's point of view, as Linux 6.1 sets them
 * ({@code ReconfigurationTest}): {@link #OUTGOING_SSN} when this side's outgoing streams were reset (its own request
 * performed, or the peer asked it to), {@link #INCOMING_SSN} when its incoming streams were (the peer reset its
 * outgoing streams). A refused request gives {@link #DENIED} (or {@link #FAILED} for another error) together with
 * the direction of the request, such as {@code OUTGOING_SSN | DENIED}.
 *
 * @param flags {@code strreset_flags}: a combination of {@link #INCOMING_SSN}, {@link #OUTGOING_SSN},
 *     {@link #DENIED} and {@link #FAILED}
 * @param associationId {@code strreset_assoc_id}
 * @param streams {@code strreset_stream_list}: the stream numbers reset (unsigned 16-bit values); empty means all
 *     streams
 */
public record StreamReset(int flags, int associationId, int[] streams) implements SctpNotification {

    /** The incoming streams were reset. linux/sctp.h: {@code SCTP_STREAM_RESET_INCOMING_SSN} = 0x0001. */
    public static final int INCOMING_SSN = 0x0001;
    /** The outgoing streams were reset. linux/sctp.h: {@code SCTP_STREAM_RESET_OUTGOING_SSN} = 0x0002. */
    public static final int OUTGOING_SSN = 0x0002;
    /** The peer refused the reset. linux/sctp.h: {@code SCTP_STREAM_RESET_DENIED} = 0x0004. */
    public static final int DENIED = 0x0004;
    /** The reset failed. linux/sctp.h: {@code SCTP_STREAM_RESET_FAILED} = 0x0008. */
    public static final int FAILED = 0x0008;

    /**
     * Creates the notification, copying {@code streams}.
     *
     * @param flags {@code strreset_flags}
     * @param associationId {@code strreset_assoc_id}
     * @param streams {@code strreset_stream_list}, copied
     */
    public StreamReset {
        streams = streams.clone();
    }

    /**
     * Returns a copy of {@code strreset_stream_list}.
     *
     * @return the stream numbers, empty for all streams
     */
    @Override
    public int[] streams() {
        return streams.clone();
    }

    /**
     * Tells whether the incoming streams were concerned ({@link #INCOMING_SSN}).
     *
     * @return {@code true} if the flag is set
     */
    public boolean isIncoming() {
        return (flags & INCOMING_SSN) != 0;
    }

    /**
     * Tells whether the outgoing streams were concerned ({@link #OUTGOING_SSN}).
     *
     * @return {@code true} if the flag is set
     */
    public boolean isOutgoing() {
        return (flags & OUTGOING_SSN) != 0;
    }

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

    /** Returns {@link NotificationType#STREAM_RESET_EVENT}. */
    @Override
    public NotificationType type() {
        return NotificationType.STREAM_RESET_EVENT;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || o instanceof StreamReset other
                && flags == other.flags && associationId == other.associationId
                && Arrays.equals(streams, other.streams);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(flags, associationId) + Arrays.hashCode(streams);
    }

    @Override
    public String toString() {
        return "StreamReset[flags=" + flags + ", associationId=" + associationId + ", streams="
                + Arrays.toString(streams) + "]";
    }
}
