package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.AssociationParameters;
import dev.sctp.DelayedSack;
import dev.sctp.PrInfo;
import dev.sctp.RtoInfo;
import dev.sctp.SctpException;
import dev.sctp.SendInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * The struct-valued association options: RTO bounds, association parameters, delayed SACK and the default send and
 * PR-SCTP parameters. Every struct is written at the offsets below, checked against the real header by
 * {@code LayoutTest}; the assoc id at offset 0 stays 0, which one-to-one sockets ignore.
 *
 * <p>Internal usage only.
 */
final class AssociationOptionCodec {

    // linux/sctp.h struct sctp_rtoinfo (RFC 6458 section 8.1.1). Note the order: max comes before min.
    static final int RTOINFO_SIZE = 16;
    static final int RTOINFO_INITIAL = 4;
    static final int RTOINFO_MAX = 8;
    static final int RTOINFO_MIN = 12;

    // linux/sctp.h struct sctp_assocparams (RFC 6458 section 8.1.2).
    static final int ASSOCPARAMS_SIZE = 20;
    static final int ASSOCPARAMS_MAX_RXT = 4; // u16
    static final int ASSOCPARAMS_PEER_DESTINATIONS = 6; // u16
    static final int ASSOCPARAMS_PEER_RWND = 8;
    static final int ASSOCPARAMS_LOCAL_RWND = 12;
    static final int ASSOCPARAMS_COOKIE_LIFE = 16;

    // linux/sctp.h struct sctp_sack_info (RFC 6458 section 8.1.19).
    static final int SACK_INFO_SIZE = 12;
    static final int SACK_INFO_DELAY = 4;
    static final int SACK_INFO_FREQ = 8;

    // linux/sctp.h struct sctp_sndinfo (RFC 6458 section 5.3.4), the value of SCTP_DEFAULT_SNDINFO.
    static final int SNDINFO_SID = 0; // u16
    static final int SNDINFO_FLAGS = 2; // u16
    static final int SNDINFO_PPID = 4;
    static final int SNDINFO_CONTEXT = 8;
    static final int SNDINFO_ASSOC_ID = 12;

    // linux/sctp.h struct sctp_default_prinfo (RFC 6458 section 8.1.32): the policy is last, unlike sctp_prinfo.
    static final int DEFAULT_PRINFO_SIZE = 12;
    static final int DEFAULT_PRINFO_VALUE = 4;
    static final int DEFAULT_PRINFO_POLICY = 8; // u16

    private AssociationOptionCodec() {
    }

    static void setRtoInfo(LinuxSctpSocket socket, RtoInfo rto) throws IOException {
        try {
            socket.set(SOL_SCTP, SCTP_RTOINFO, "SCTP_RTOINFO", b -> {
                b.putInt(RTOINFO_INITIAL, (int) rto.initial().toMillis());
                b.putInt(RTOINFO_MAX, (int) rto.max().toMillis());
                b.putInt(RTOINFO_MIN, (int) rto.min().toMillis());
                return RTOINFO_SIZE;
            });
        } catch (SctpException e) {
            // The record already refuses min > max; the kernel also compares a given bound with the current
            // value of the one left at 0.
            throw OptionCodec.invalid(e, "RTO min " + rto.min() + " / max " + rto.max()
                    + " would put the minimum above the maximum (0 stands for the current value); read RTO_INFO"
                    + " and set both bounds");
        }
    }

    static RtoInfo getRtoInfo(LinuxSctpSocket socket) throws IOException {
        return socket.get(SOL_SCTP, SCTP_RTOINFO, "SCTP_RTOINFO", RTOINFO_SIZE, null,
                (b, len) -> new RtoInfo(millis(b, RTOINFO_INITIAL), millis(b, RTOINFO_MIN), millis(b, RTOINFO_MAX)));
    }

    static void setAssociationParameters(LinuxSctpSocket socket, AssociationParameters p) throws IOException {
        try {
            // Only asocmaxrxt and cookie_life are inputs (net/sctp/socket.c); the rest is zeroed and ignored.
            socket.set(SOL_SCTP, SCTP_ASSOCINFO, "SCTP_ASSOCINFO", b -> {
                b.putShort(ASSOCPARAMS_MAX_RXT, (short) p.maxRetransmissions());
                b.putInt(ASSOCPARAMS_COOKIE_LIFE, (int) p.cookieLife().toMillis());
                return ASSOCPARAMS_SIZE;
            });
        } catch (SctpException e) {
            throw OptionCodec.invalid(e, "maxRetransmissions " + p.maxRetransmissions()
                    + " exceeds the sum of the per-path limits of this multi-homed association; lower it, or raise"
                    + " pathMaxRetransmissions with PEER_ADDR_PARAMS first");
        }
    }

    static AssociationParameters getAssociationParameters(LinuxSctpSocket socket) throws IOException {
        return socket.get(SOL_SCTP, SCTP_ASSOCINFO, "SCTP_ASSOCINFO", ASSOCPARAMS_SIZE, null,
                (b, len) -> new AssociationParameters(u16(b, ASSOCPARAMS_MAX_RXT),
                        u16(b, ASSOCPARAMS_PEER_DESTINATIONS), u32(b, ASSOCPARAMS_PEER_RWND),
                        u32(b, ASSOCPARAMS_LOCAL_RWND), millis(b, ASSOCPARAMS_COOKIE_LIFE)));
    }

    static void setDelayedSack(LinuxSctpSocket socket, DelayedSack sack) throws IOException {
        socket.set(SOL_SCTP, SCTP_DELAYED_SACK, "SCTP_DELAYED_SACK", b -> {
            b.putInt(SACK_INFO_DELAY, (int) sack.delay().toMillis());
            b.putInt(SACK_INFO_FREQ, sack.frequency());
            return SACK_INFO_SIZE;
        });
    }

    static DelayedSack getDelayedSack(LinuxSctpSocket socket) throws IOException {
        return socket.get(SOL_SCTP, SCTP_DELAYED_SACK, "SCTP_DELAYED_SACK", SACK_INFO_SIZE, null,
                (b, len) -> new DelayedSack(millis(b, SACK_INFO_DELAY),
                        (int) Math.min(u32(b, SACK_INFO_FREQ), Integer.MAX_VALUE)));
    }

    static void setDefaultSendInfo(LinuxSctpSocket socket, SendInfo info) throws IOException {
        // The kernel keeps only stream, flags, PPID and context as defaults; refuse what would be dropped.
        if (info.prPolicy() != SendInfo.PrPolicy.NONE) {
            throw new IllegalArgumentException("default send info " + info + " has a PR-SCTP policy, which"
                    + " SCTP_DEFAULT_SNDINFO cannot hold; set it with SctpOptions.DEFAULT_PRINFO");
        }
        if (info.peerAddress() != null || info.sackImmediately() || info.eof()) {
            throw new IllegalArgumentException("default send info " + info + " sets a peer address,"
                    + " SACK_IMMEDIATELY or EOF, which only apply per message; pass them to send() instead");
        }
        socket.set(SOL_SCTP, SCTP_DEFAULT_SNDINFO, "SCTP_DEFAULT_SNDINFO", b -> {
            b.putShort(SNDINFO_SID, (short) info.streamId());
            b.putShort(SNDINFO_FLAGS, (short) (info.unordered() ? SCTP_UNORDERED : 0));
            b.putInt(SNDINFO_PPID, htonl(info.ppid())); // the PPID goes on the wire as stored
            b.putInt(SNDINFO_CONTEXT, info.context());
            return SCTP_SNDINFO_SIZE;
        });
    }

    static SendInfo getDefaultSendInfo(LinuxSctpSocket socket) throws IOException {
        return socket.get(SOL_SCTP, SCTP_DEFAULT_SNDINFO, "SCTP_DEFAULT_SNDINFO", SCTP_SNDINFO_SIZE, null,
                (b, len) -> SendInfo.of(u16(b, SNDINFO_SID), htonl(b.getInt(SNDINFO_PPID)))
                        .withUnordered((b.getShort(SNDINFO_FLAGS) & SCTP_UNORDERED) != 0)
                        .withContext(b.getInt(SNDINFO_CONTEXT)));
    }

    static void setDefaultPrInfo(LinuxSctpSocket socket, PrInfo pr) throws IOException {
        socket.set(SOL_SCTP, SCTP_DEFAULT_PRINFO, "SCTP_DEFAULT_PRINFO", b -> {
            b.putInt(DEFAULT_PRINFO_VALUE, (int) pr.value());
            b.putShort(DEFAULT_PRINFO_POLICY, (short) policyCode(pr.policy()));
            return DEFAULT_PRINFO_SIZE;
        });
    }

    static PrInfo getDefaultPrInfo(LinuxSctpSocket socket) throws IOException {
        return socket.get(SOL_SCTP, SCTP_DEFAULT_PRINFO, "SCTP_DEFAULT_PRINFO", DEFAULT_PRINFO_SIZE, null,
                (b, len) -> {
                    SendInfo.PrPolicy policy = policy(u16(b, DEFAULT_PRINFO_POLICY));
                    // Without a policy the kernel's stored value means nothing (it zeroes it on set).
                    return new PrInfo(policy, policy == SendInfo.PrPolicy.NONE ? 0 : u32(b, DEFAULT_PRINFO_VALUE));
                });
    }

    /** Maps a policy to its Linux value in {@code SCTP_PR_SCTP_MASK} (linux/sctp.h; not RFC 6458's 1/2/3). */
    static int policyCode(SendInfo.PrPolicy policy) {
        return switch (policy) {
            case NONE -> SCTP_PR_SCTP_NONE;
            case TTL -> SCTP_PR_SCTP_TTL;
            case RTX -> SCTP_PR_SCTP_RTX;
            case PRIORITY -> SCTP_PR_SCTP_PRIO;
        };
    }

    private static SendInfo.PrPolicy policy(int code) {
        return switch (code & 0x30) { // SCTP_PR_SCTP_MASK
            case SCTP_PR_SCTP_TTL -> SendInfo.PrPolicy.TTL;
            case SCTP_PR_SCTP_RTX -> SendInfo.PrPolicy.RTX;
            case SCTP_PR_SCTP_PRIO -> SendInfo.PrPolicy.PRIORITY;
            default -> SendInfo.PrPolicy.NONE;
        };
    }

    /** htonl and ntohl: the PPID is stored in network byte order, Java ints are host values. */
    static int htonl(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(value) : value;
    }

    static int u16(ByteBuffer b, int offset) {
        return Short.toUnsignedInt(b.getShort(offset));
    }

    static long u32(ByteBuffer b, int offset) {
        return Integer.toUnsignedLong(b.getInt(offset));
    }

    static Duration millis(ByteBuffer b, int offset) {
        return Duration.ofMillis(u32(b, offset));
    }
}
