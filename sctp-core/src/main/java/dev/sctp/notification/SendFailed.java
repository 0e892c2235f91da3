package dev.sctp.notification;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code SCTP_SEND_FAILED_EVENT}: a message could not be delivered and is handed back (RFC 6458 section 6.1.11;
 * linux/sctp.h {@code struct sctp_send_failed_event}).
 *
 * <p>Linux reports one notification per DATA chunk, so a fragmented message comes back in several pieces; the
 * chunk flags in {@link SendFailedInfo#sendFlags()} tell the first and last piece apart.
 *
 * @param flags {@code ssf_flags}: whether the data reached the wire; see {@link #wasSent()} and {@link #wasUnsent()}
 * @param error {@code ssf_error}: why the send failed, as an SCTP error cause code: 0 for an expired time to live
 *     or a failure without a cause, 1 (invalid stream identifier), or the cause that ended the association, such as
 *     12 (user-initiated abort) from the peer's ABORT. The kernel leaves the cause in network byte order; it is
 *     converted here
 * @param info {@code ssfe_info}: the send information of the failed message
 * @param associationId {@code ssf_assoc_id}
 * @param payload {@code ssf_data}: the undelivered user data
 */
public record SendFailed(int flags, int error, SendFailedInfo info, int associationId, byte[] payload)
        implements SctpNotification {

    /** {@code ssf_flags} value: the data never reached the wire. linux/sctp.h: {@code SCTP_DATA_UNSENT} = 0. */
    public static final int DATA_UNSENT = 0;
    /**
     * {@code ssf_flags} value: the data was put on the wire, which does not tell whether the peer received it.
     * linux/sctp.h: {@code SCTP_DATA_SENT} = 1 (Linux numbers {@code enum sctp_ssf_flags} from 0, unlike the 1 and 2
     * of other stacks).
     */
    public static final int DATA_SENT = 1;

    /**
     * The send information of the failed message ({@code struct sctp_sndinfo}, RFC 6458 section 5.3.4).
     *
     * @param streamId {@code snd_sid}: the stream the message was sent on
     * @param sendFlags {@code snd_flags}; Linux fills in the flags of the failed DATA chunk (RFC 9260 section 3.3.1:
     *     U 0x04 unordered, B 0x02 first fragment, E 0x01 last fragment) rather than the send call's flags
     * @param ppid {@code snd_ppid}: the payload protocol identifier, converted to host byte order
     * @param context {@code snd_context}: the context given with the send
     * @param associationId {@code snd_assoc_id}: the association id given with the send, which may be 0
     */
    public record SendFailedInfo(int streamId, int sendFlags, int ppid, int context, int associationId) {
    }

    /**
     * Creates the notification, copying {@code payload}.
     *
     * @param flags {@code ssf_flags}
     * @param error {@code ssf_error}
     * @param info {@code ssfe_info}
     * @param associationId {@code ssf_assoc_id}
     * @param payload {@code ssf_data}, copied
     */
    public SendFailed {
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
     * Tells whether the data was put on the wire before it failed ({@code SCTP_DATA_SENT}); the peer may or may
     * not have received it.
     *
     * @return {@code true} if the data was sent
     */
    public boolean wasSent() {
        return (flags & DATA_SENT) != 0;
    }

    /**
     * Tells whether the data never reached the wire ({@code SCTP_DATA_UNSENT}).
     *
     * @return {@code true} if the data was never sent
     */
    public boolean wasUnsent() {
        return !wasSent();
    }

    /** Returns {@link NotificationType#SEND_FAILED_EVENT}. */
    @Override
    public NotificationType type() {
        return NotificationType.SEND_FAILED_EVENT;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || o instanceof SendFailed other
                && flags == other.flags && error == other.error && info.equals(other.info)
                && associationId == other.associationId && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(flags, error, info, associationId) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SendFailed[flags=" + flags + ", error=" + error + ", info=" + info + ", associationId="
                + associationId + ", payload=" + NotificationBytes.toString(payload) + "]";
    }
}
