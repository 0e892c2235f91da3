package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.PeerAddressParameters;
import dev.sctp.SctpException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The per-path options: {@code SCTP_PEER_ADDR_PARAMS} and {@code SCTP_PRIMARY_ADDR}. Both structs are declared
 * {@code __attribute__((packed, aligned(4)))} in linux/sctp.h, so their fields after the 128-byte
 * {@code sockaddr_storage} sit at odd offsets; {@link ByteBuffer}'s absolute accessors read them unaligned.
 *
 * <p>Internal usage only.
 */
public final class PathOptionCodec {

    // linux/sctp.h struct sctp_paddrparams, packed (RFC 6458 section 8.1.12).
    static final int PADDRPARAMS_SIZE = 156; // set needs exactly this optlen (or 152, the pre-DSCP form)
    static final int PADDRPARAMS_ADDRESS = 4; // struct sockaddr_storage
    static final int PADDRPARAMS_HBINTERVAL = 132;
    static final int PADDRPARAMS_PATHMAXRXT = 136; // u16
    static final int PADDRPARAMS_PATHMTU = 138;
    static final int PADDRPARAMS_SACKDELAY = 142;
    static final int PADDRPARAMS_FLAGS = 146;
    static final int PADDRPARAMS_FLOWLABEL = 150;
    static final int PADDRPARAMS_DSCP = 154; // u8

    // linux/sctp.h enum sctp_spp_flags. Each ENABLE/DISABLE pair is exclusive: both bits give EINVAL.
    static final int SPP_HB_ENABLE = 1;
    static final int SPP_HB_DISABLE = 2;
    static final int SPP_HB_DEMAND = 4;
    static final int SPP_PMTUD_ENABLE = 8;
    static final int SPP_PMTUD_DISABLE = 0x10;
    static final int SPP_SACKDELAY_ENABLE = 0x20;
    static final int SPP_SACKDELAY_DISABLE = 0x40;
    static final int SPP_HB_TIME_IS_ZERO = 0x80;
    static final int SPP_IPV6_FLOWLABEL = 0x100;
    static final int SPP_DSCP = 0x200;

    // linux/sctp.h struct sctp_prim, packed (RFC 6458 section 8.1.9).
    static final int PRIM_SIZE = 132;
    static final int PRIM_ADDRESS = 4;

    private PathOptionCodec() {
    }

    /**
     * Reads the parameters of {@code path}, or with {@code null} those of the association (of future
     * associations on a socket without one).
     */
    public static PeerAddressParameters get(LinuxSctpSocket socket, @Nullable InetSocketAddress path)
            throws IOException {
        try {
            return socket.get(SOL_SCTP, SCTP_PEER_ADDR_PARAMS, "SCTP_PEER_ADDR_PARAMS", PADDRPARAMS_SIZE,
                    b -> encodeAddress(socket, b, PADDRPARAMS_ADDRESS, path), (b, len) -> decode(b, path));
        } catch (SctpException e) {
            throw OptionCodec.invalid(e, notAPeer(path));
        }
    }

    /** Applies {@code p} to its address, or to every path when the address is null. */
    public static void set(LinuxSctpSocket socket, PeerAddressParameters p) throws IOException {
        int flags = (p.heartbeatEnabled() ? SPP_HB_ENABLE : SPP_HB_DISABLE)
                | (p.pmtuDiscovery() ? SPP_PMTUD_ENABLE : SPP_PMTUD_DISABLE)
                | (p.delayedSack() ? SPP_SACKDELAY_ENABLE : SPP_SACKDELAY_DISABLE);
        long heartbeat = p.heartbeatInterval().toMillis();
        if (p.heartbeatEnabled() && heartbeat == 0) {
            // A zero interval alone means "unchanged"; this flag makes it a real 0 (a heartbeat every RTO).
            flags |= SPP_HB_TIME_IS_ZERO;
        }
        if (p.ipv6FlowLabel() >= 0) {
            flags |= SPP_IPV6_FLOWLABEL;
        }
        if (p.dscp() >= 0) {
            flags |= SPP_DSCP;
        }
        int spp = flags;
        // While discovery runs, pathMtu is only the discovered value: sending it back would be pointless.
        int mtu = p.pmtuDiscovery() ? 0 : p.pathMtu();
        try {
            socket.set(SOL_SCTP, SCTP_PEER_ADDR_PARAMS, "SCTP_PEER_ADDR_PARAMS", b -> {
                encodeAddress(socket, b, PADDRPARAMS_ADDRESS, p.address());
                b.putInt(PADDRPARAMS_HBINTERVAL, (int) heartbeat);
                b.putShort(PADDRPARAMS_PATHMAXRXT, (short) p.pathMaxRetransmissions());
                b.putInt(PADDRPARAMS_PATHMTU, mtu);
                b.putInt(PADDRPARAMS_SACKDELAY, (int) p.sackDelay().toMillis());
                b.putInt(PADDRPARAMS_FLAGS, spp);
                b.putInt(PADDRPARAMS_FLOWLABEL, Math.max(p.ipv6FlowLabel(), 0));
                b.put(PADDRPARAMS_DSCP, (byte) (Math.max(p.dscp(), 0) << 2)); // DSCP is the TOS byte's top 6 bits
                return PADDRPARAMS_SIZE;
            });
        } catch (SctpException e) {
            throw OptionCodec.invalid(e, notAPeer(p.address()));
        }
    }

    /** Sets the primary path (SCTP_PRIMARY_ADDR) to {@code address}, one of the peer's addresses. */
    public static void setPrimary(LinuxSctpSocket socket, InetSocketAddress address) throws IOException {
        try {
            socket.set(SOL_SCTP, SCTP_PRIMARY_ADDR, "SCTP_PRIMARY_ADDR", b -> {
                encodeAddress(socket, b, PRIM_ADDRESS, address);
                return PRIM_SIZE;
            });
        } catch (SctpException e) {
            throw OptionCodec.invalid(e, "primary address " + address + " is not a peer address of this"
                    + " socket's association; pick one of remoteAddress(), after connect or accept");
        }
    }

    /** Returns the primary path. */
    public static InetSocketAddress getPrimary(LinuxSctpSocket socket) throws IOException {
        InetSocketAddress address;
        try {
            address = socket.get(SOL_SCTP, SCTP_PRIMARY_ADDR, "SCTP_PRIMARY_ADDR", PRIM_SIZE, null,
                    (b, len) -> SockaddrCodec.decode(b, PRIM_ADDRESS));
        } catch (SctpException e) {
            throw OptionCodec.explain(e, Errno.EINVAL, "SCTP_PRIMARY_ADDR needs an association: connect or accept"
                    + " first");
        }
        if (address == null) {
            throw new IllegalStateException("SCTP_PRIMARY_ADDR returned no address");
        }
        return address;
    }

    /**
     * Writes {@code address} as a sockaddr of the socket's family at {@code offset}, or leaves the zeroed storage
     * (AF_UNSPEC, which the kernel reads as "any", meaning every path) when it is null.
     */
    static int encodeAddress(LinuxSctpSocket socket, ByteBuffer b, int offset, @Nullable InetSocketAddress address) {
        if (address != null) {
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("peer address " + address + " is unresolved; give an IP address");
            }
            SockaddrCodec.encode(b, offset, address.getAddress(), address.getPort(), socket.family());
        }
        return offset + SockaddrCodec.SOCKADDR_STORAGE_SIZE;
    }

    private static PeerAddressParameters decode(ByteBuffer b, @Nullable InetSocketAddress path) {
        int flags = b.getInt(PADDRPARAMS_FLAGS);
        return new PeerAddressParameters(path,
                AssociationOptionCodec.millis(b, PADDRPARAMS_HBINTERVAL),
                (flags & SPP_HB_DISABLE) == 0,
                AssociationOptionCodec.u16(b, PADDRPARAMS_PATHMAXRXT),
                (int) Math.min(AssociationOptionCodec.u32(b, PADDRPARAMS_PATHMTU), Integer.MAX_VALUE),
                (flags & SPP_PMTUD_DISABLE) == 0,
                Duration.ofMillis(AssociationOptionCodec.u32(b, PADDRPARAMS_SACKDELAY)),
                (flags & SPP_SACKDELAY_DISABLE) == 0,
                (flags & SPP_IPV6_FLOWLABEL) != 0 ? b.getInt(PADDRPARAMS_FLOWLABEL) & 0xfffff : -1,
                (flags & SPP_DSCP) != 0 ? (Byte.toUnsignedInt(b.get(PADDRPARAMS_DSCP)) >> 2) : -1);
    }

    private static String notAPeer(@Nullable InetSocketAddress path) {
        return path == null
                ? "SCTP_PEER_ADDR_PARAMS was refused for the whole association"
                : "peer address " + path + " is not a path of this socket's association; pick one of"
                        + " remoteAddress(), after connect or accept, or pass null for every path";
    }
}
