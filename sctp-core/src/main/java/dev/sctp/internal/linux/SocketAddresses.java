package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Binding and address lists of a {@link LinuxSctpSocket}: bindx through SCTP_SOCKOPT_BINDX_ADD/REM and the local
 * and peer address lists through SCTP_GET_LOCAL_ADDRS/GET_PEER_ADDRS, all as socket options (no libsctp).
 *
 * <p>Internal usage only.
 */
final class SocketAddresses {

    private static final int ADDRESS_BUFFER_START = 4096;

    private SocketAddresses() {
    }

    /**
     * Binds (or, with {@code add} false, unbinds) {@code addresses} at {@code port} with
     * SCTP_SOCKOPT_BINDX_ADD/REM. An empty list binds the wildcard address.
     */
    static void bindx(LinuxSctpSocket socket, List<InetAddress> addresses, int port, boolean add)
            throws IOException {
        FileDescriptor fd = socket.fd;
        int family = socket.family;
        List<InetAddress> list = addresses.isEmpty() ? List.of(wildcard(family)) : addresses;
        int size = SockaddrCodec.packedSize(list, family);
        try (NativeBuffer packed = new NativeBuffer(size)) {
            SockaddrCodec.encodePacked(packed.buffer(), 0, list, port, family);
            int raw = fd.acquire();
            int r;
            int errno = 0;
            try {
                r = LibC.setsockopt(raw, SOL_SCTP, add ? SCTP_SOCKOPT_BINDX_ADD : SCTP_SOCKOPT_BINDX_REM,
                        packed.address(), size);
                if (r < 0) {
                    errno = LibC.errno();
                }
            } finally {
                fd.release();
            }
            if (r < 0) {
                String op = (add ? "bindx add " : "bindx remove ") + describe(list, port);
                throw Errno.toException(op, errno);
            }
        }
    }

    private static InetAddress wildcard(int family) {
        try {
            return InetAddress.getByAddress(new byte[family == SockaddrCodec.AF_INET6 ? 16 : 4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<InetSocketAddress> list(LinuxSctpSocket socket, int option, String optionName) throws IOException {
        FileDescriptor fd = socket.fd;
        for (int size = ADDRESS_BUFFER_START; ; size *= 2) {
            // struct sctp_getaddrs in the first size bytes, then the optlen getsockopt takes (an int, 8 reserved).
            try (NativeBuffer buf = new NativeBuffer(size + Long.BYTES)) {
                ByteBuffer b = buf.buffer();
                b.putInt(size, size);
                int raw = fd.acquire();
                int r;
                int errno = 0;
                try {
                    r = LibC.getsockopt(raw, SOL_SCTP, option, buf.address(), buf.address(size));
                    if (r < 0) {
                        errno = LibC.errno();
                    }
                } finally {
                    fd.release();
                }
                if (r < 0) {
                    if (errno == Errno.ENOMEM && size < (1 << 20)) {
                        continue; // more addresses than fit: grow, as libsctp does
                    }
                    if (errno == Errno.ENOTCONN || errno == Errno.EINVAL && option == SCTP_GET_PEER_ADDRS) {
                        return List.of();
                    }
                    throw Errno.toException("getsockopt(" + optionName + ")", errno);
                }
                int count = b.getInt(GETADDRS_ADDR_NUM);
                List<InetSocketAddress> result = new ArrayList<>(count);
                int at = GETADDRS_ADDRS;
                for (int i = 0; i < count; i++) {
                    if (at + 2 > size) {
                        throw new IllegalStateException(optionName + " reported " + count
                                + " addresses but they overrun " + size + " bytes");
                    }
                    int len = SockaddrCodec.sizeAt(b, at);
                    if (at + len > size) {
                        throw new IllegalStateException(optionName + " address " + i + " overruns the buffer");
                    }
                    result.add(SockaddrCodec.decode(b, at));
                    at += len;
                }
                return List.copyOf(result);
            }
        }
    }

    static String describe(List<InetAddress> addresses, int port) {
        StringBuilder sb = new StringBuilder();
        for (InetAddress a : addresses) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            String host = a.getHostAddress();
            sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        }
        return sb.append(':').append(port).toString();
    }
}
