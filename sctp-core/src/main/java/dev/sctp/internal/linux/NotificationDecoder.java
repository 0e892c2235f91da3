package dev.sctp.internal.linux;

import dev.sctp.notification.AdaptationIndication;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.AssociationReset;
import dev.sctp.notification.Authentication;
import dev.sctp.notification.LegacySendFailed;
import dev.sctp.notification.PartialDelivery;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.RemoteError;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.SendFailed;
import dev.sctp.notification.SenderDry;
import dev.sctp.notification.Shutdown;
import dev.sctp.notification.StreamChange;
import dev.sctp.notification.StreamReset;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Decodes the notifications the Linux kernel delivers in-band (with {@code MSG_NOTIFICATION}) into
 * {@link SctpNotification} records.
 *
 * <p>Internal usage only. The layouts are those of {@code /usr/include/linux/sctp.h} on x86_64 (RFC 6458 section
 * 6.1). Every field is in host byte order except {@code sac_error}, {@code sre_error} and the PPIDs inside the send
 * information, which stay in network byte order; the decoder converts those to host order, as the rest of the
 * library exposes them. ({@code sac_error} is declared {@code __u16}, but the kernel passes the {@code __be16}
 * cause code through: a forged ABORT in {@code ForgedChunkTest} shows it.) Every read uses {@link ByteBuffer}'s absolute, bounds-checked methods and stays inside
 * {@code [offset, offset + sn_length)}, where {@code sn_length} has been checked against the bytes received.
 */
public final class NotificationDecoder {

    // union sctp_notification.sn_header (linux/sctp.h; RFC 6458 section 6.1): __u16 sn_type, __u16 sn_flags,
    // __u32 sn_length (the total length of the notification, header included).
    static final int SN_TYPE = 0;
    static final int SN_FLAGS = 2;
    static final int SN_LENGTH = 4;
    static final int SN_HEADER_SIZE = 8;

    // enum sctp_sn_type (linux/sctp.h): SCTP_SN_TYPE_BASE = 1 << 15 is SCTP_DATA_IO_EVENT, a subscription only.
    static final int SCTP_ASSOC_CHANGE = 0x8001; // linux/sctp.h: SCTP_ASSOC_CHANGE; RFC 6458 section 6.1.1
    static final int SCTP_PEER_ADDR_CHANGE = 0x8002; // linux/sctp.h: SCTP_PEER_ADDR_CHANGE; RFC 6458 6.1.2
    static final int SCTP_SEND_FAILED = 0x8003; // linux/sctp.h: SCTP_SEND_FAILED; RFC 6458 section 6.1.4
    static final int SCTP_REMOTE_ERROR = 0x8004; // linux/sctp.h: SCTP_REMOTE_ERROR; RFC 6458 section 6.1.3
    static final int SCTP_SHUTDOWN_EVENT = 0x8005; // linux/sctp.h: SCTP_SHUTDOWN_EVENT; RFC 6458 6.1.5
    static final int SCTP_PARTIAL_DELIVERY_EVENT = 0x8006; // linux/sctp.h: SCTP_PARTIAL_DELIVERY_EVENT; 6.1.7
    static final int SCTP_ADAPTATION_INDICATION = 0x8007; // linux/sctp.h: SCTP_ADAPTATION_INDICATION; 6.1.6
    static final int SCTP_AUTHENTICATION_EVENT = 0x8008; // linux/sctp.h: SCTP_AUTHENTICATION_EVENT; 6.1.8
    static final int SCTP_SENDER_DRY_EVENT = 0x8009; // linux/sctp.h: SCTP_SENDER_DRY_EVENT; RFC 6458 6.1.9
    static final int SCTP_STREAM_RESET_EVENT = 0x800a; // linux/sctp.h: SCTP_STREAM_RESET_EVENT; RFC 6525 6.1.1
    static final int SCTP_ASSOC_RESET_EVENT = 0x800b; // linux/sctp.h: SCTP_ASSOC_RESET_EVENT; RFC 6525 6.1.2
    static final int SCTP_STREAM_CHANGE_EVENT = 0x800c; // linux/sctp.h: SCTP_STREAM_CHANGE_EVENT; RFC 6525
    static final int SCTP_SEND_FAILED_EVENT = 0x800d; // linux/sctp.h: SCTP_SEND_FAILED_EVENT; RFC 6458 6.1.11

    // struct sctp_assoc_change (linux/sctp.h; RFC 6458 section 6.1.1): sizeof 20, then __u8 sac_info[].
    static final int SAC_STATE = 8; // __u16 sac_state
    static final int SAC_ERROR = 10; // __u16 sac_error, yet network byte order (see the class comment)
    static final int SAC_OUTBOUND_STREAMS = 12; // __u16 sac_outbound_streams
    static final int SAC_INBOUND_STREAMS = 14; // __u16 sac_inbound_streams
    static final int SAC_ASSOC_ID = 16; // sctp_assoc_t sac_assoc_id
    static final int SAC_INFO = 20; // __u8 sac_info[]
    static final int SAC_SIZE = 20;

    // struct sctp_paddr_change (linux/sctp.h; RFC 6458 section 6.1.2): __attribute__((packed, aligned(4))), sizeof 148.
    static final int SPC_AADDR = 8; // struct sockaddr_storage spc_aaddr (128 bytes)
    static final int SPC_STATE = 136; // int spc_state
    static final int SPC_ERROR = 140; // int spc_error
    static final int SPC_ASSOC_ID = 144; // sctp_assoc_t spc_assoc_id
    static final int SPC_SIZE = 148;

    // struct sctp_remote_error (linux/sctp.h; RFC 6458 section 6.1.3): sizeof 16, then __u8 sre_data[].
    static final int SRE_ERROR = 8; // __be16 sre_error
    static final int SRE_ASSOC_ID = 12; // sctp_assoc_t sre_assoc_id
    static final int SRE_DATA = 16; // __u8 sre_data[]
    static final int SRE_SIZE = 16;

    // struct sctp_send_failed, deprecated (linux/sctp.h; RFC 6458 section 6.1.4): sizeof 48, then __u8 ssf_data[].
    static final int SSF_ERROR = 8; // __u32 ssf_error
    static final int SSF_INFO = 12; // struct sctp_sndrcvinfo ssf_info (32 bytes)
    static final int SSF_ASSOC_ID = 44; // sctp_assoc_t ssf_assoc_id
    static final int SSF_DATA = 48; // __u8 ssf_data[]
    static final int SSF_SIZE = 48;

    // struct sctp_sndrcvinfo (linux/sctp.h; RFC 6458 section 5.3.2), offsets relative to SSF_INFO.
    static final int SINFO_STREAM = 0; // __u16 sinfo_stream
    static final int SINFO_SSN = 2; // __u16 sinfo_ssn
    static final int SINFO_FLAGS = 4; // __u16 sinfo_flags
    static final int SINFO_PPID = 8; // __u32 sinfo_ppid, network byte order
    static final int SINFO_CONTEXT = 12; // __u32 sinfo_context
    static final int SINFO_TIMETOLIVE = 16; // __u32 sinfo_timetolive
    static final int SINFO_TSN = 20; // __u32 sinfo_tsn
    static final int SINFO_CUMTSN = 24; // __u32 sinfo_cumtsn
    static final int SINFO_ASSOC_ID = 28; // sctp_assoc_t sinfo_assoc_id

    // struct sctp_send_failed_event (linux/sctp.h; RFC 6458 section 6.1.11): sizeof 32, then __u8 ssf_data[].
    static final int SSFE_ERROR = 8; // __u32 ssf_error
    static final int SSFE_INFO = 12; // struct sctp_sndinfo ssfe_info (16 bytes)
    static final int SSFE_ASSOC_ID = 28; // sctp_assoc_t ssf_assoc_id
    static final int SSFE_DATA = 32; // __u8 ssf_data[]
    static final int SSFE_SIZE = 32;

    // struct sctp_sndinfo (linux/sctp.h; RFC 6458 section 5.3.4), offsets relative to SSFE_INFO.
    static final int SND_SID = 0; // __u16 snd_sid
    static final int SND_FLAGS = 2; // __u16 snd_flags
    static final int SND_PPID = 4; // __u32 snd_ppid, network byte order
    static final int SND_CONTEXT = 8; // __u32 snd_context
    static final int SND_ASSOC_ID = 12; // sctp_assoc_t snd_assoc_id

    // struct sctp_shutdown_event (linux/sctp.h; RFC 6458 section 6.1.5): sizeof 12.
    static final int SSE_ASSOC_ID = 8; // sctp_assoc_t sse_assoc_id
    static final int SSE_SIZE = 12;

    // struct sctp_adaptation_event (linux/sctp.h; RFC 6458 section 6.1.6): sizeof 16.
    static final int SAI_ADAPTATION_IND = 8; // __u32 sai_adaptation_ind
    static final int SAI_ASSOC_ID = 12; // sctp_assoc_t sai_assoc_id
    static final int SAI_SIZE = 16;

    // struct sctp_pdapi_event (linux/sctp.h; RFC 6458 section 6.1.7): sizeof 24.
    static final int PDAPI_INDICATION = 8; // __u32 pdapi_indication
    static final int PDAPI_ASSOC_ID = 12; // sctp_assoc_t pdapi_assoc_id
    static final int PDAPI_STREAM = 16; // __u32 pdapi_stream
    static final int PDAPI_SEQ = 20; // __u32 pdapi_seq
    static final int PDAPI_SIZE = 24;

    // struct sctp_authkey_event (linux/sctp.h; RFC 6458 section 6.1.8): sizeof 20.
    static final int AUTH_KEYNUMBER = 8; // __u16 auth_keynumber
    static final int AUTH_ALTKEYNUMBER = 10; // __u16 auth_altkeynumber
    static final int AUTH_INDICATION = 12; // __u32 auth_indication
    static final int AUTH_ASSOC_ID = 16; // sctp_assoc_t auth_assoc_id
    static final int AUTH_SIZE = 20;

    // struct sctp_sender_dry_event (linux/sctp.h; RFC 6458 section 6.1.9): sizeof 12.
    static final int SENDER_DRY_ASSOC_ID = 8; // sctp_assoc_t sender_dry_assoc_id
    static final int SENDER_DRY_SIZE = 12;

    // struct sctp_stream_reset_event (linux/sctp.h; RFC 6525 section 6.1.1): sizeof 12, then __u16 list[].
    static final int STRRESET_ASSOC_ID = 8; // sctp_assoc_t strreset_assoc_id
    static final int STRRESET_STREAM_LIST = 12; // __u16 strreset_stream_list[]
    static final int STRRESET_SIZE = 12;

    // struct sctp_assoc_reset_event (linux/sctp.h; RFC 6525 section 6.1.2): sizeof 20.
    static final int ASSOCRESET_ASSOC_ID = 8; // sctp_assoc_t assocreset_assoc_id
    static final int ASSOCRESET_LOCAL_TSN = 12; // __u32 assocreset_local_tsn
    static final int ASSOCRESET_REMOTE_TSN = 16; // __u32 assocreset_remote_tsn
    static final int ASSOCRESET_SIZE = 20;

    // struct sctp_stream_change_event (linux/sctp.h; RFC 6525 section 6.1.3): sizeof 16.
    static final int STRCHANGE_ASSOC_ID = 8; // sctp_assoc_t strchange_assoc_id
    static final int STRCHANGE_INSTRMS = 12; // __u16 strchange_instrms
    static final int STRCHANGE_OUTSTRMS = 14; // __u16 strchange_outstrms
    static final int STRCHANGE_SIZE = 16;

    private NotificationDecoder() {
    }

    /**
     * Decodes the notification of {@code length} received bytes starting at {@code offset} of {@code buf}.
     *
     * <p>{@code buf} must be in native byte order (the caller sets {@link ByteOrder#nativeOrder()}); its position
     * and limit are left alone. Bytes past {@code sn_length} are ignored.
     *
     * @param buf the receive buffer, in native byte order
     * @param offset where the notification starts
     * @param length how many bytes of the notification were received
     * @return the decoded notification
     * @throws IndexOutOfBoundsException if {@code [offset, offset + length)} is not within {@code buf}'s limit
     * @throws IllegalStateException if fewer than 8 bytes were received, if {@code sn_length} exceeds
     *     {@code length} (a truncated read) or is below the fixed size of its type, if the type is unknown, or if a
     *     peer address has an unknown family
     */
    public static SctpNotification decode(ByteBuffer buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.limit());
        if (length < SN_HEADER_SIZE) {
            throw new IllegalStateException("SCTP notification truncated: received " + length
                    + " bytes, but the sn_header alone needs " + SN_HEADER_SIZE);
        }
        int type = u16(buf, offset + SN_TYPE);
        int flags = u16(buf, offset + SN_FLAGS);
        long snLength = u32(buf, offset + SN_LENGTH);
        int minimum = fixedSize(type);
        if (minimum < 0) {
            throw new IllegalStateException("unknown SCTP notification type 0x" + Integer.toHexString(type)
                    + " (sn_length " + snLength + ", received " + length + " bytes)");
        }
        if (snLength > length) {
            throw new IllegalStateException(typeName(type) + " notification truncated: sn_length " + snLength
                    + " exceeds the " + length + " bytes received (fixed size " + minimum
                    + "); was the receive buffer too small?");
        }
        if (snLength < minimum) {
            throw new IllegalStateException(typeName(type) + " notification too short: sn_length " + snLength
                    + " (received " + length + " bytes) is below its fixed size of " + minimum + " bytes");
        }
        int end = offset + (int) snLength;
        return switch (type) {
            case SCTP_ASSOC_CHANGE -> assocChange(buf, offset, end, flags);
            case SCTP_PEER_ADDR_CHANGE -> peerAddrChange(buf, offset, flags);
            case SCTP_SEND_FAILED -> legacySendFailed(buf, offset, end, flags);
            case SCTP_REMOTE_ERROR -> new RemoteError(flags, be16(buf, offset + SRE_ERROR),
                    buf.getInt(offset + SRE_ASSOC_ID), bytes(buf, offset + SRE_DATA, end));
            case SCTP_SHUTDOWN_EVENT -> new Shutdown(flags, buf.getInt(offset + SSE_ASSOC_ID));
            case SCTP_PARTIAL_DELIVERY_EVENT -> partialDelivery(buf, offset, flags);
            case SCTP_ADAPTATION_INDICATION -> new AdaptationIndication(flags,
                    buf.getInt(offset + SAI_ADAPTATION_IND), buf.getInt(offset + SAI_ASSOC_ID));
            case SCTP_AUTHENTICATION_EVENT -> authentication(buf, offset, flags);
            case SCTP_SENDER_DRY_EVENT -> new SenderDry(flags, buf.getInt(offset + SENDER_DRY_ASSOC_ID));
            case SCTP_STREAM_RESET_EVENT -> streamReset(buf, offset, end, flags);
            case SCTP_ASSOC_RESET_EVENT -> new AssociationReset(flags, buf.getInt(offset + ASSOCRESET_ASSOC_ID),
                    u32(buf, offset + ASSOCRESET_LOCAL_TSN), u32(buf, offset + ASSOCRESET_REMOTE_TSN));
            case SCTP_STREAM_CHANGE_EVENT -> new StreamChange(flags, buf.getInt(offset + STRCHANGE_ASSOC_ID),
                    u16(buf, offset + STRCHANGE_INSTRMS), u16(buf, offset + STRCHANGE_OUTSTRMS));
            case SCTP_SEND_FAILED_EVENT -> sendFailedEvent(buf, offset, end, flags);
            default -> throw new AssertionError("no decoder for type 0x" + Integer.toHexString(type));
        };
    }

    /** Returns the fixed size of the notification struct for {@code type}, or -1 if the type is unknown. */
    private static int fixedSize(int type) {
        return switch (type) {
            case SCTP_ASSOC_CHANGE -> SAC_SIZE;
            case SCTP_PEER_ADDR_CHANGE -> SPC_SIZE;
            case SCTP_SEND_FAILED -> SSF_SIZE;
            case SCTP_REMOTE_ERROR -> SRE_SIZE;
            case SCTP_SHUTDOWN_EVENT -> SSE_SIZE;
            case SCTP_PARTIAL_DELIVERY_EVENT -> PDAPI_SIZE;
            case SCTP_ADAPTATION_INDICATION -> SAI_SIZE;
            case SCTP_AUTHENTICATION_EVENT -> AUTH_SIZE;
            case SCTP_SENDER_DRY_EVENT -> SENDER_DRY_SIZE;
            case SCTP_STREAM_RESET_EVENT -> STRRESET_SIZE;
            case SCTP_ASSOC_RESET_EVENT -> ASSOCRESET_SIZE;
            case SCTP_STREAM_CHANGE_EVENT -> STRCHANGE_SIZE;
            case SCTP_SEND_FAILED_EVENT -> SSFE_SIZE;
            default -> -1;
        };
    }

    /** Returns the header's name for a known {@code type}, for error messages. */
    private static String typeName(int type) {
        String name = switch (type) {
            case SCTP_ASSOC_CHANGE -> "SCTP_ASSOC_CHANGE";
            case SCTP_PEER_ADDR_CHANGE -> "SCTP_PEER_ADDR_CHANGE";
            case SCTP_SEND_FAILED -> "SCTP_SEND_FAILED";
            case SCTP_REMOTE_ERROR -> "SCTP_REMOTE_ERROR";
            case SCTP_SHUTDOWN_EVENT -> "SCTP_SHUTDOWN_EVENT";
            case SCTP_PARTIAL_DELIVERY_EVENT -> "SCTP_PARTIAL_DELIVERY_EVENT";
            case SCTP_ADAPTATION_INDICATION -> "SCTP_ADAPTATION_INDICATION";
            case SCTP_AUTHENTICATION_EVENT -> "SCTP_AUTHENTICATION_EVENT";
            case SCTP_SENDER_DRY_EVENT -> "SCTP_SENDER_DRY_EVENT";
            case SCTP_STREAM_RESET_EVENT -> "SCTP_STREAM_RESET_EVENT";
            case SCTP_ASSOC_RESET_EVENT -> "SCTP_ASSOC_RESET_EVENT";
            case SCTP_STREAM_CHANGE_EVENT -> "SCTP_STREAM_CHANGE_EVENT";
            case SCTP_SEND_FAILED_EVENT -> "SCTP_SEND_FAILED_EVENT";
            default -> "SCTP notification";
        };
        return name + " (0x" + Integer.toHexString(type) + ")";
    }

    private static AssociationChange assocChange(ByteBuffer buf, int offset, int end, int flags) {
        int state = u16(buf, offset + SAC_STATE);
        return new AssociationChange(flags, AssociationChange.State.of(state), state,
                be16(buf, offset + SAC_ERROR), u16(buf, offset + SAC_OUTBOUND_STREAMS),
                u16(buf, offset + SAC_INBOUND_STREAMS), buf.getInt(offset + SAC_ASSOC_ID),
                bytes(buf, offset + SAC_INFO, end));
    }

    private static PeerAddressChange peerAddrChange(ByteBuffer buf, int offset, int flags) {
        InetSocketAddress address;
        try {
            // sockaddr_in6 (28 bytes) is the largest family decoded, well inside the 128-byte spc_aaddr.
            address = SockaddrCodec.decode(buf, offset + SPC_AADDR);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(typeName(SCTP_PEER_ADDR_CHANGE) + ": " + e.getMessage(), e);
        }
        int state = buf.getInt(offset + SPC_STATE);
        return new PeerAddressChange(flags, address, PeerAddressChange.State.of(state), state,
                buf.getInt(offset + SPC_ERROR), buf.getInt(offset + SPC_ASSOC_ID));
    }

    private static LegacySendFailed legacySendFailed(ByteBuffer buf, int offset, int end, int flags) {
        int info = offset + SSF_INFO;
        LegacySendFailed.SendReceiveInfo sinfo = new LegacySendFailed.SendReceiveInfo(
                u16(buf, info + SINFO_STREAM), u16(buf, info + SINFO_SSN), u16(buf, info + SINFO_FLAGS),
                be32(buf, info + SINFO_PPID), buf.getInt(info + SINFO_CONTEXT), u32(buf, info + SINFO_TIMETOLIVE),
                u32(buf, info + SINFO_TSN), u32(buf, info + SINFO_CUMTSN), buf.getInt(info + SINFO_ASSOC_ID));
        return new LegacySendFailed(flags, causeInU32(buf, offset + SSF_ERROR), sinfo, buf.getInt(offset + SSF_ASSOC_ID),
                bytes(buf, offset + SSF_DATA, end));
    }

    private static SendFailed sendFailedEvent(ByteBuffer buf, int offset, int end, int flags) {
        int info = offset + SSFE_INFO;
        SendFailed.SendFailedInfo sndinfo = new SendFailed.SendFailedInfo(u16(buf, info + SND_SID),
                u16(buf, info + SND_FLAGS), be32(buf, info + SND_PPID), buf.getInt(info + SND_CONTEXT),
                buf.getInt(info + SND_ASSOC_ID));
        return new SendFailed(flags, causeInU32(buf, offset + SSFE_ERROR), sndinfo, buf.getInt(offset + SSFE_ASSOC_ID),
                bytes(buf, offset + SSFE_DATA, end));
    }

    private static PartialDelivery partialDelivery(ByteBuffer buf, int offset, int flags) {
        int indication = buf.getInt(offset + PDAPI_INDICATION);
        return new PartialDelivery(flags, PartialDelivery.Indication.of(indication), indication,
                buf.getInt(offset + PDAPI_ASSOC_ID), buf.getInt(offset + PDAPI_STREAM), buf.getInt(offset + PDAPI_SEQ));
    }

    private static Authentication authentication(ByteBuffer buf, int offset, int flags) {
        int indication = buf.getInt(offset + AUTH_INDICATION);
        return new Authentication(flags, u16(buf, offset + AUTH_KEYNUMBER), u16(buf, offset + AUTH_ALTKEYNUMBER),
                Authentication.Indication.of(indication), indication, buf.getInt(offset + AUTH_ASSOC_ID));
    }

    private static StreamReset streamReset(ByteBuffer buf, int offset, int end, int flags) {
        int list = offset + STRRESET_STREAM_LIST;
        int[] streams = new int[(end - list) / Short.BYTES]; // an odd trailing byte is ignored
        for (int i = 0; i < streams.length; i++) {
            streams[i] = u16(buf, list + i * Short.BYTES);
        }
        return new StreamReset(flags, buf.getInt(offset + STRRESET_ASSOC_ID), streams);
    }

    private static int u16(ByteBuffer buf, int index) {
        return Short.toUnsignedInt(buf.getShort(index));
    }

    private static long u32(ByteBuffer buf, int index) {
        return Integer.toUnsignedLong(buf.getInt(index));
    }

    /** Reads an unsigned 16-bit field that the kernel leaves in network byte order. */
    /**
     * {@code ssf_error}: a {@code __u32} into which the kernel assigns a {@code __be16} error cause unconverted (the
     * ABORT's cause, or {@code SCTP_ERROR_INV_STRM}), so on a little-endian machine cause 12 reads as 3072. The
     * cause is turned back into host order; a value with high bits set (none known) is passed on as it is.
     */
    private static int causeInU32(ByteBuffer buf, int index) {
        int raw = buf.getInt(index);
        if (buf.order() == ByteOrder.BIG_ENDIAN || (raw >>> 16) != 0) {
            return raw;
        }
        return Short.toUnsignedInt(Short.reverseBytes((short) raw));
    }

    private static int be16(ByteBuffer buf, int index) {
        short value = buf.getShort(index);
        return Short.toUnsignedInt(buf.order() == ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value));
    }

    /** Reads a 32-bit field that the kernel leaves in network byte order, such as a PPID. */
    private static int be32(ByteBuffer buf, int index) {
        int value = buf.getInt(index);
        return buf.order() == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value);
    }

    private static byte[] bytes(ByteBuffer buf, int from, int to) {
        byte[] bytes = new byte[to - from];
        buf.get(from, bytes);
        return bytes;
    }
}
