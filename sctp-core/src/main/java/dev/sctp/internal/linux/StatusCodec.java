package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.AssociationState;
import dev.sctp.AssociationStats;
import dev.sctp.PathState;
import dev.sctp.PeerAddressInfo;
import dev.sctp.SctpException;
import dev.sctp.SctpStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The read-only association reports: {@code SCTP_STATUS}, {@code SCTP_GET_PEER_ADDR_INFO} and
 * {@code SCTP_GET_ASSOC_STATS}. Each needs an association; without one the kernel answers EINVAL, which is reported
 * with that explanation.
 *
 * <p>Internal usage only.
 */
public final class StatusCodec {

    // linux/sctp.h struct sctp_status (RFC 6458 section 8.2.1).
    static final int STATUS_SIZE = 176;
    static final int STATUS_ASSOC_ID = 0;
    static final int STATUS_STATE = 4;
    static final int STATUS_RWND = 8;
    static final int STATUS_UNACKDATA = 12; // u16
    static final int STATUS_PENDDATA = 14; // u16
    static final int STATUS_INSTRMS = 16; // u16
    static final int STATUS_OUTSTRMS = 18; // u16
    static final int STATUS_FRAGMENTATION_POINT = 20;
    static final int STATUS_PRIMARY = 24; // an embedded struct sctp_paddrinfo

    // linux/sctp.h struct sctp_paddrinfo, packed (RFC 6458 section 8.2.2).
    static final int PADDRINFO_SIZE = 152;
    static final int PADDRINFO_ADDRESS = 4; // struct sockaddr_storage
    static final int PADDRINFO_STATE = 132;
    static final int PADDRINFO_CWND = 136;
    static final int PADDRINFO_SRTT = 140; // jiffies, not ms (net/sctp/socket.c copies transport->srtt as is)
    static final int PADDRINFO_RTO = 144; // ms
    static final int PADDRINFO_MTU = 148;

    // linux/sctp.h struct sctp_assoc_stats: 8-byte aligned, so the u64 counters start at 136, after the storage.
    static final int ASSOC_STATS_SIZE = 256;
    static final int ASSOC_STATS_OBS_RTO_IPADDR = 8;
    static final int ASSOC_STATS_MAXRTO = 136;
    static final int ASSOC_STATS_ISACKS = 144;
    static final int ASSOC_STATS_OSACKS = 152;
    static final int ASSOC_STATS_OPACKETS = 160;
    static final int ASSOC_STATS_IPACKETS = 168;
    static final int ASSOC_STATS_RTXCHUNKS = 176;
    static final int ASSOC_STATS_OUTOFSEQTSNS = 184;
    static final int ASSOC_STATS_IDUPCHUNKS = 192;
    static final int ASSOC_STATS_GAPCNT = 200;
    static final int ASSOC_STATS_OUODCHUNKS = 208;
    static final int ASSOC_STATS_IUODCHUNKS = 216;
    static final int ASSOC_STATS_OODCHUNKS = 224;
    static final int ASSOC_STATS_IODCHUNKS = 232;
    static final int ASSOC_STATS_OCTRLCHUNKS = 240;
    static final int ASSOC_STATS_ICTRLCHUNKS = 248;

    private static final String NO_ASSOCIATION = "the socket has no association: connect or accept first (or it"
            + " has already shut down)";

    private StatusCodec() {
    }

    /** Reads SCTP_STATUS. */
    public static SctpStatus status(LinuxSctpSocket socket) throws IOException {
        try {
            return socket.get(SOL_SCTP, SCTP_STATUS, "SCTP_STATUS", STATUS_SIZE, null, (b, len) -> new SctpStatus(
                    b.getInt(STATUS_ASSOC_ID),
                    AssociationState.of(b.getInt(STATUS_STATE)),
                    AssociationOptionCodec.u32(b, STATUS_RWND),
                    AssociationOptionCodec.u16(b, STATUS_UNACKDATA),
                    AssociationOptionCodec.u16(b, STATUS_PENDDATA),
                    AssociationOptionCodec.u16(b, STATUS_INSTRMS),
                    AssociationOptionCodec.u16(b, STATUS_OUTSTRMS),
                    b.getInt(STATUS_FRAGMENTATION_POINT),
                    pathInfo(b, STATUS_PRIMARY, null)));
        } catch (SctpException e) {
            throw OptionCodec.explain(e, Errno.EINVAL, NO_ASSOCIATION);
        }
    }

    /** Reads SCTP_GET_PEER_ADDR_INFO for {@code path}, one of the peer's addresses. */
    public static PeerAddressInfo peerAddressInfo(LinuxSctpSocket socket, InetSocketAddress path)
            throws IOException {
        try {
            return socket.get(SOL_SCTP, SCTP_GET_PEER_ADDR_INFO, "SCTP_GET_PEER_ADDR_INFO", PADDRINFO_SIZE,
                    b -> PathOptionCodec.encodeAddress(socket, b, PADDRINFO_ADDRESS, path),
                    (b, len) -> pathInfo(b, 0, path));
        } catch (SctpException e) {
            if (e.errno() == Errno.EACCES) {
                throw OptionCodec.explain(e, Errno.EACCES, "path " + path + " is potentially failed and this"
                        + " socket does not expose that state (SCTP_EXPOSE_POTENTIALLY_FAILED_STATE)");
            }
            if (e.errno() == Errno.EINVAL && !socket.peerAddresses().isEmpty()) {
                throw OptionCodec.invalid(e, "peer address " + path + " is not a path of this association;"
                        + " pick one of remoteAddress() " + socket.peerAddresses());
            }
            throw OptionCodec.explain(e, Errno.EINVAL, NO_ASSOCIATION);
        }
    }

    /** Reads SCTP_GET_PEER_ADDR_INFO for every peer address, in the kernel's order. */
    public static List<PeerAddressInfo> paths(LinuxSctpSocket socket) throws IOException {
        List<InetSocketAddress> peers = socket.peerAddresses();
        if (peers.isEmpty()) {
            throw new SctpException("getsockopt(SCTP_GET_PEER_ADDR_INFO) failed: " + NO_ASSOCIATION,
                    "getsockopt(SCTP_GET_PEER_ADDR_INFO)", Errno.ENOTCONN);
        }
        List<PeerAddressInfo> result = new ArrayList<>(peers.size());
        for (InetSocketAddress peer : peers) {
            result.add(peerAddressInfo(socket, peer));
        }
        return List.copyOf(result);
    }

    /** Reads SCTP_GET_ASSOC_STATS; the read starts a new maximum-RTO observation period in the kernel. */
    public static AssociationStats associationStats(LinuxSctpSocket socket) throws IOException {
        try {
            return socket.get(SOL_SCTP, SCTP_GET_ASSOC_STATS, "SCTP_GET_ASSOC_STATS", ASSOC_STATS_SIZE, null,
                    (b, len) -> new AssociationStats(
                            b.getLong(ASSOC_STATS_MAXRTO),
                            SockaddrCodec.decode(b, ASSOC_STATS_OBS_RTO_IPADDR),
                            b.getLong(ASSOC_STATS_ISACKS),
                            b.getLong(ASSOC_STATS_OSACKS),
                            b.getLong(ASSOC_STATS_OPACKETS),
                            b.getLong(ASSOC_STATS_IPACKETS),
                            b.getLong(ASSOC_STATS_RTXCHUNKS),
                            b.getLong(ASSOC_STATS_OUTOFSEQTSNS),
                            b.getLong(ASSOC_STATS_IDUPCHUNKS),
                            b.getLong(ASSOC_STATS_GAPCNT),
                            b.getLong(ASSOC_STATS_OUODCHUNKS),
                            b.getLong(ASSOC_STATS_IUODCHUNKS),
                            b.getLong(ASSOC_STATS_OODCHUNKS),
                            b.getLong(ASSOC_STATS_IODCHUNKS),
                            b.getLong(ASSOC_STATS_OCTRLCHUNKS),
                            b.getLong(ASSOC_STATS_ICTRLCHUNKS)));
        } catch (SctpException e) {
            throw OptionCodec.explain(e, Errno.EINVAL, NO_ASSOCIATION);
        }
    }

    /** Decodes a struct sctp_paddrinfo at {@code base}; {@code requested} stands in if the kernel left no address. */
    private static PeerAddressInfo pathInfo(ByteBuffer b, int base, @Nullable InetSocketAddress requested) {
        InetSocketAddress address = SockaddrCodec.decode(b, base + PADDRINFO_ADDRESS);
        if (address == null) {
            if (requested == null) {
                throw new IllegalStateException("the kernel reported a path without an address");
            }
            address = requested;
        }
        return new PeerAddressInfo(address,
                PathState.of(b.getInt(base + PADDRINFO_STATE)),
                AssociationOptionCodec.u32(b, base + PADDRINFO_CWND),
                AssociationOptionCodec.u32(b, base + PADDRINFO_SRTT),
                Duration.ofMillis(AssociationOptionCodec.u32(b, base + PADDRINFO_RTO)),
                (int) Math.min(AssociationOptionCodec.u32(b, base + PADDRINFO_MTU), Integer.MAX_VALUE));
    }
}
