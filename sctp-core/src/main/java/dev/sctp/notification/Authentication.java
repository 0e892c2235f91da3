package dev.sctp.notification;

import java.util.Objects;

/**
 * {@code SCTP_AUTHENTICATION_EVENT}: an SCTP-AUTH (RFC 4895) key event (RFC 6458 section 6.1.8; linux/sctp.h
 * {@code struct sctp_authkey_event}).
 *
 * @param flags {@code auth_flags}; unused by Linux (0)
 * @param keyNumber {@code auth_keynumber}: the shared key concerned (the newly active key for
 *     {@link Indication#NEW_KEY}, the no longer used key for {@link Indication#FREE_KEY})
 * @param altKeyNumber {@code auth_altkeynumber}: an older draft's alternate key; Linux always sends 0
 * @param indication what happened, {@link Indication#UNKNOWN} for a code this library does not know
 * @param indicationCode the raw {@code auth_indication}
 * @param associationId {@code auth_assoc_id}
 */
public record Authentication(
        int flags, int keyNumber, int altKeyNumber, Indication indication, int indicationCode, int associationId)
        implements SctpNotification {

    /** The {@code auth_indication} values (RFC 6458 section 6.1.8; linux/sctp.h). */
    public enum Indication {
        /** The peer used a new key, which is now active. linux/sctp.h: {@code SCTP_AUTH_NEW_KEY} = 0. */
        NEW_KEY(0),
        /**
         * A deactivated key is no longer used by the association and may be deleted. linux/sctp.h:
         * {@code SCTP_AUTH_FREE_KEY} = 1.
         */
        FREE_KEY(1),
        /** The peer does not support SCTP-AUTH. linux/sctp.h: {@code SCTP_AUTH_NO_AUTH} = 2. */
        NO_AUTH(2),
        /** An indication code this library does not know; see {@link Authentication#indicationCode()}. */
        UNKNOWN(-1);

        private final int code;

        Indication(int code) {
            this.code = code;
        }

        /**
         * Returns the {@code auth_indication} code.
         *
         * @return the code, or -1 for {@link #UNKNOWN}
         */
        public int code() {
            return code;
        }

        /**
         * Returns the indication for an {@code auth_indication} code.
         *
         * @param code an {@code auth_indication} value
         * @return the matching indication, or {@link #UNKNOWN}
         */
        public static Indication of(int code) {
            return switch (code) {
                case 0 -> NEW_KEY;
                case 1 -> FREE_KEY;
                case 2 -> NO_AUTH;
                default -> UNKNOWN;
            };
        }
    }

    /**
     * Creates the notification.
     *
     * @param flags {@code auth_flags}
     * @param keyNumber {@code auth_keynumber}
     * @param altKeyNumber {@code auth_altkeynumber}
     * @param indication what happened
     * @param indicationCode the raw {@code auth_indication}
     * @param associationId {@code auth_assoc_id}
     * @throws IllegalArgumentException if {@code indication} is not {@code Indication.of(indicationCode)}
     */
    public Authentication {
        Objects.requireNonNull(indication, "indication");
        if (indication != Indication.of(indicationCode)) {
            throw new IllegalArgumentException(
                    "indication " + indication + " does not match auth_indication " + indicationCode);
        }
    }

    /**
     * Creates the notification for a known {@code indication}.
     *
     * @param flags {@code auth_flags}
     * @param keyNumber {@code auth_keynumber}
     * @param altKeyNumber {@code auth_altkeynumber}
     * @param indication what happened
     * @param associationId {@code auth_assoc_id}
     */
    public Authentication(int flags, int keyNumber, int altKeyNumber, Indication indication, int associationId) {
        this(flags, keyNumber, altKeyNumber, indication, indication.code(), associationId);
    }

    /** Returns {@link NotificationType#AUTHENTICATION_EVENT}. */
    @Override
    public NotificationType type() {
        return NotificationType.AUTHENTICATION_EVENT;
    }
}
