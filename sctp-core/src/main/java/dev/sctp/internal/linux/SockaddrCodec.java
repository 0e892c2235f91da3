package dev.sctp.internal.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Encodes and decodes {@code sockaddr_in} and {@code sockaddr_in6} at explicit offsets of a native-order buffer.
 *
 * <p>Internal usage only. Every access goes through {@link ByteBuffer}'s absolute, bounds-checked methods, so a
 * malformed length from the kernel raises an exception instead of reading past native memory.
 */
public final class SockaddrCodec {

    /** {@code AF_INET} (linux/socket.h). */
    public static final int AF_INET = 2;
    /** {@code AF_INET6} (linux/socket.h). */
    public static final int AF_INET6 = 10;
    /** {@code sizeof(struct sockaddr_in)} (linux/in.h). */
    public static final int SOCKADDR_IN_SIZE = 16;
    /** {@code sizeof(struct sockaddr_in6)} (linux/in6.h). */
    public static final int SOCKADDR_IN6_SIZE = 28;
    /** {@code sizeof(struct sockaddr_storage)} (linux/socket.h). */
    public static final int SOCKADDR_STORAGE_SIZE = 128;

    // struct sockaddr_in: family@0 (host order), port@2 (network order), addr@4.
    private static final int PORT_OFFSET = 2;
    private static final int IN4_ADDR_OFFSET = 4;
    // struct sockaddr_in6: family@0, port@2, flowinfo@4, addr@8, scope_id@24.
    private static final int IN6_FLOWINFO_OFFSET = 4;
    private static final int IN6_ADDR_OFFSET = 8;
    private static final int IN6_SCOPE_OFFSET = 24;

    private SockaddrCodec() {
    }

    /**
     * Returns the encoded size of {@code address} for a socket of {@code family}: an IPv4 address on an
     * {@code AF_INET6} socket is encoded v4-mapped.
     */
    public static int size(InetAddress address, int family) {
        if (family == AF_INET6) {
            return SOCKADDR_IN6_SIZE;
        }
        checkIpv4(address);
        return SOCKADDR_IN_SIZE;
    }

    /** Returns the total size of a packed array of {@code addresses} as bindx and connectx expect it. */
    public static int packedSize(List<InetAddress> addresses, int family) {
        int total = 0;
        for (InetAddress address : addresses) {
            total += size(address, family);
        }
        return total;
    }

    /**
     * Writes one sockaddr for {@code address}:{@code port} at {@code offset} and returns the number of bytes
     * written. An IPv4 address on an {@code AF_INET6} socket becomes {@code ::ffff:a.b.c.d}.
     *
     * @throws IllegalArgumentException if an IPv6 address is given for an {@code AF_INET} socket
     */
    public static int encode(ByteBuffer buf, int offset, InetAddress address, int port, int family) {
        byte[] raw = family == AF_INET ? checkIpv4(address) : address.getAddress();
        if (family == AF_INET) {
            buf.putShort(offset, (short) AF_INET);
            buf.putShort(offset + PORT_OFFSET, Short.reverseBytes((short) port));
            buf.put(offset + IN4_ADDR_OFFSET, raw, 0, 4);
            buf.putLong(offset + 8, 0L); // sin_zero
            return SOCKADDR_IN_SIZE;
        }
        buf.putShort(offset, (short) AF_INET6);
        buf.putShort(offset + PORT_OFFSET, Short.reverseBytes((short) port));
        buf.putInt(offset + IN6_FLOWINFO_OFFSET, 0);
        if (raw.length == 4) {
            // v4-mapped (RFC 4291 section 2.5.5.2): ten zero bytes, two 0xff bytes, then the IPv4 address.
            buf.putLong(offset + IN6_ADDR_OFFSET, 0L);
            buf.putShort(offset + IN6_ADDR_OFFSET + 8, (short) 0);
            buf.putShort(offset + IN6_ADDR_OFFSET + 10, (short) 0xffff);
            buf.put(offset + IN6_ADDR_OFFSET + 12, raw, 0, 4);
        } else {
            buf.put(offset + IN6_ADDR_OFFSET, raw, 0, 16);
        }
        int scope = address instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        buf.putInt(offset + IN6_SCOPE_OFFSET, scope);
        return SOCKADDR_IN6_SIZE;
    }

    /** Writes {@code addresses} back to back, each with {@code port}, and returns the bytes written. */
    public static int encodePacked(ByteBuffer buf, int offset, List<InetAddress> addresses, int port, int family) {
        int at = offset;
        for (InetAddress address : addresses) {
            at += encode(buf, at, address, port, family);
        }
        return at - offset;
    }

    /** Returns the family stored at {@code offset}. */
    public static int family(ByteBuffer buf, int offset) {
        return Short.toUnsignedInt(buf.getShort(offset));
    }

    /** Returns the size of the sockaddr at {@code offset}, judged by its family. */
    public static int sizeAt(ByteBuffer buf, int offset) {
        int family = family(buf, offset);
        return switch (family) {
            case AF_INET -> SOCKADDR_IN_SIZE;
            case AF_INET6 -> SOCKADDR_IN6_SIZE;
            default -> throw new IllegalStateException("unknown address family " + family + " at offset " + offset);
        };
    }

    /**
     * Decodes the sockaddr at {@code offset}, or returns {@code null} when its family is {@code AF_UNSPEC} (0).
     * v4-mapped IPv6 addresses come back as {@link Inet4Address}, since that is what the peer really is.
     *
     * @throws IllegalStateException for any other family
     */
    public static InetSocketAddress decode(ByteBuffer buf, int offset) {
        int family = family(buf, offset);
        if (family == 0) {
            return null;
        }
        int port = Short.toUnsignedInt(Short.reverseBytes(buf.getShort(offset + PORT_OFFSET)));
        try {
            if (family == AF_INET) {
                byte[] raw = new byte[4];
                buf.get(offset + IN4_ADDR_OFFSET, raw);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port);
            }
            if (family == AF_INET6) {
                byte[] raw = new byte[16];
                buf.get(offset + IN6_ADDR_OFFSET, raw);
                int scope = buf.getInt(offset + IN6_SCOPE_OFFSET);
                // getByAddress turns a v4-mapped address into an Inet4Address by itself.
                InetAddress address = InetAddress.getByAddress(raw);
                if (address instanceof Inet6Address && scope != 0) {
                    address = Inet6Address.getByAddress(null, raw, scope);
                }
                return new InetSocketAddress(address, port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("undecodable address at offset " + offset, e);
        }
        throw new IllegalStateException("unknown address family " + family + " at offset " + offset);
    }

    private static byte[] checkIpv4(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length != 4) {
            throw new IllegalArgumentException(
                    "IPv6 address " + address.getHostAddress() + " cannot be used on an IPv4 (sctp4) socket;"
                            + " use an IPv6 or dual-stack socket");
        }
        return raw;
    }
}
