package dev.sctp.notification;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code SCTP_SEND_FAILED}: the deprecated form of {@link SendFailed}, carrying the old {@code sctp_sndrcvinfo}
 * (RFC 6458 section 6.1.4; linux/sctp.h {@code struct sctp_send_failed}). Prefer subscribing to
 * {@link NotificationType#SEND_FAILED_EVENT}.
 *
 * @param flags {@code ssf_flags}: {@link SendFailed#DATA_SENT} or {@link SendFailed#DATA_UNSENT}; see
 *     {@link #wasSent()}
 * @param error {@code ssf_error}: why the send failed, as in {@link SendFailed#error()}
 * @param info {@code ssf_info}: the send information of the failed message
 * @param associationId {@code ssf_assoc_id}
 * @param payload {@code ssf_data}: the undelivered user data
 */
public record LegacySendFailed(int flags, int error, SendReceiveInfo info, int associationId, byte[] payload)
        implements SctpNotification {

    /**
     * The send information of the failed message ({@code struct sctp_sndrcvinfo}, RFC 6458 section 5.3.2).
     *
     * @param streamId {@code sinfo_stream}
     * @param streamSequence {@code sinfo_ssn}
     * @param flags {@code sinfo_flags}; Linux fills in the flags of the failed DATA chunk (RFC 9260 section 3.3.1)
     * @param ppid {@code sinfo_ppid}: the payload protocol identifier, converted to host byte order
     * @param context {@code sinfo_context}
     * @param timeToLive {@code sinfo_timetolive}, in milliseconds (unsigned 32-bit)
     * @param tsn {@code sinfo_tsn} (unsigned 32-bit)
     * @param cumulativeTsn {@code sinfo_cumtsn} (unsigned 32-bit)
     * @param associationId {@code sinfo_assoc_id}
     */
    public record SendReceiveInfo(int streamId, int streamSequence, int flags, int ppid, int context,
            long timeToLive, long tsn, long cumulativeTsn, int associationId) {
    }

    /**
     * Creates the notification, copying {@code payload}.
     *
     * @param flags {@code ssf_flags}
     * @param error {@code ssf_error}
     * @param info {@code ssf_info}
     * @param associationId {@code ssf_assoc_id}
     * @param payload {@code ssf_data}, copied
     */
    public LegacySendFailed {
        Objects.requireNonNull(info, "info");
        payload = payload.clone();
    }

    /**
     * Returns a copy of {@code ssf_data}.
     *
     * @return the undelivered user data, possibly empty
     */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * Tells whether the data was put on the wire before it failed ({@code SCTP_DATA_SENT}).
     *
     * @return {@code true} if the data was sent
     */
    public boolean wasSent() {
        return (flags & SendFailed.DATA_SENT) != 0;
    }

    /**
     * Tells whether the data never reached the wire ({@code SCTP_DATA_UNSENT}).
     *
     * @return {@code true} if the data was never sent
     */
    public boolean wasUnsent() {
        return !wasSent();
    }

    /** Returns {@link NotificationType#SEND_FAILED}. */
    @Override
    public NotificationType type() {
        return NotificationType.SEND_FAILED;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || o instanceof LegacySendFailed other
                && flags == other.flags && error == other.error && info.equals(other.info)
                && associationId == other.associationId && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(flags, error, info, associationId) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "LegacySendFailed[flags=" + flags + ", error=" + error + ", info=" + info + ", associationId="
                + associationId + ", payload=" + NotificationBytes.toString(payload) + "]";
    }
}
