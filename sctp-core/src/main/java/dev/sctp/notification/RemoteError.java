package dev.sctp.notification;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code SCTP_REMOTE_ERROR}: the peer sent an Operation Error chunk (RFC 6458 section 6.1.3; linux/sctp.h
 * {@code struct sctp_remote_error}).
 *
 * @param flags {@code sre_flags}; unused by Linux (0)
 * @param errorCause {@code sre_error}: the error cause code (RFC 9260 section 3.3.10), converted from network to
 *     host byte order; an unsigned 16-bit value
 * @param associationId {@code sre_assoc_id}
 * @param data {@code sre_data}: Linux strips the cause's 4-byte code and length header and delivers the
 *     cause-specific information, padded to a multiple of 4 bytes
 */
public record RemoteError(int flags, int errorCause, int associationId, byte[] data) implements SctpNotification {

    /**
     * Creates the notification, copying {@code data}.
     *
     * @param flags {@code sre_flags}
     * @param errorCause {@code sre_error}, in host byte order
     * @param associationId {@code sre_assoc_id}
     * @param data {@code sre_data}, copied
     */
    public RemoteError {
        data = data.clone();
    }

    /**
     * Returns a copy of {@code sre_data}.
     *
     * @return the cause-specific information, possibly empty
     */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Returns {@link NotificationType#REMOTE_ERROR}. */
    @Override
    public NotificationType type() {
        return NotificationType.REMOTE_ERROR;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || o instanceof RemoteError other
                && flags == other.flags && errorCause == other.errorCause && associationId == other.associationId
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(flags, errorCause, associationId) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RemoteError[flags=" + flags + ", errorCause=" + errorCause + ", associationId=" + associationId
                + ", data=" + NotificationBytes.toString(data) + "]";
    }
}
