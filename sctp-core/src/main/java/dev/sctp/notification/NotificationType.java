package dev.sctp.notification;

/**
 * The SCTP event types an application can subscribe to, with their {@code sn_type} codes
 * (RFC 6458 section 6.1; linux/sctp.h {@code enum sctp_sn_type}).
 *
 * <p>Every constant except {@link #DATA_IO} also identifies a notification that can arrive; {@code DATA_IO} only
 * switches on the {@code SCTP_SNDRCV} ancillary data of received messages and never arrives as a notification.
 */
public enum NotificationType {

    /**
     * Subscription-only: asks for a {@code sctp_sndrcvinfo} with every received message. Never arrives as a
     * notification. linux/sctp.h: {@code SCTP_DATA_IO_EVENT} = {@code SCTP_SN_TYPE_BASE = (1 << 15)}.
     */
    DATA_IO(0x8000),
    /** An association came up or went down: {@link AssociationChange}. linux/sctp.h: {@code SCTP_ASSOC_CHANGE}. */
    ASSOC_CHANGE(0x8001),
    /**
     * A peer address changed state: {@link PeerAddressChange}. linux/sctp.h: {@code SCTP_PEER_ADDR_CHANGE}.
     */
    PEER_ADDR_CHANGE(0x8002),
    /**
     * Deprecated form of {@link #SEND_FAILED_EVENT}: {@link LegacySendFailed}. linux/sctp.h:
     * {@code SCTP_SEND_FAILED}; RFC 6458 section 6.1.4.
     */
    SEND_FAILED(0x8003),
    /** The peer sent an Operation Error: {@link RemoteError}. linux/sctp.h: {@code SCTP_REMOTE_ERROR}. */
    REMOTE_ERROR(0x8004),
    /** The peer sent SHUTDOWN: {@link Shutdown}. linux/sctp.h: {@code SCTP_SHUTDOWN_EVENT}. */
    SHUTDOWN_EVENT(0x8005),
    /**
     * A partial delivery was aborted: {@link PartialDelivery}. linux/sctp.h: {@code SCTP_PARTIAL_DELIVERY_EVENT}.
     */
    PARTIAL_DELIVERY_EVENT(0x8006),
    /**
     * The peer sent an Adaptation Layer Indication: {@link AdaptationIndication}. linux/sctp.h:
     * {@code SCTP_ADAPTATION_INDICATION}.
     */
    ADAPTATION_INDICATION(0x8007),
    /**
     * An SCTP-AUTH key event (RFC 4895): {@link Authentication}. linux/sctp.h: {@code SCTP_AUTHENTICATION_EVENT}.
     */
    AUTHENTICATION_EVENT(0x8008),
    /** Nothing is left to send or retransmit: {@link SenderDry}. linux/sctp.h: {@code SCTP_SENDER_DRY_EVENT}. */
    SENDER_DRY_EVENT(0x8009),
    /** Streams were reset (RFC 6525): {@link StreamReset}. linux/sctp.h: {@code SCTP_STREAM_RESET_EVENT}. */
    STREAM_RESET_EVENT(0x800a),
    /**
     * The association's TSNs were reset (RFC 6525): {@link AssociationReset}. linux/sctp.h:
     * {@code SCTP_ASSOC_RESET_EVENT}.
     */
    ASSOC_RESET_EVENT(0x800b),
    /**
     * Streams were added (RFC 6525): {@link StreamChange}. linux/sctp.h: {@code SCTP_STREAM_CHANGE_EVENT}.
     */
    STREAM_CHANGE_EVENT(0x800c),
    /**
     * A message could not be delivered: {@link SendFailed}. linux/sctp.h: {@code SCTP_SEND_FAILED_EVENT};
     * RFC 6458 section 6.1.11.
     */
    SEND_FAILED_EVENT(0x800d);

    private static final NotificationType[] VALUES = values();

    private final int code;

    NotificationType(int code) {
        this.code = code;
    }

    /**
     * Returns the {@code sn_type} code, which is also the {@code se_type} of {@code SCTP_EVENT}; the byte index in
     * {@code struct sctp_event_subscribe} is {@code code() - 0x8000}.
     *
     * @return the code, 0x8000 to 0x800d
     */
    public int code() {
        return code;
    }

    /**
     * Tells whether this type is only a subscription and never arrives as a notification ({@link #DATA_IO}).
     *
     * @return {@code true} for {@link #DATA_IO} only
     */
    public boolean isSubscriptionOnly() {
        return this == DATA_IO;
    }

    /**
     * Returns the type with the given {@code sn_type} code.
     *
     * @param code an {@code sn_type} code
     * @return the matching type
     * @throws IllegalArgumentException if no type has that code
     */
    public static NotificationType ofCode(int code) {
        int index = code - DATA_IO.code;
        if (index >= 0 && index < VALUES.length) {
            return VALUES[index];
        }
        throw new IllegalArgumentException("unknown SCTP notification type 0x" + Integer.toHexString(code));
    }
}
