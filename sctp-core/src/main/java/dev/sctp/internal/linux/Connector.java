package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Non-blocking connectx for a {@link LinuxSctpSocket}: start the INIT handshake to every peer address at once, then
 * park until the association is up, refused, or past its deadline.
 *
 * <p>Internal usage only.
 */
final class Connector {

    private Connector() {
    }

    /**
     * Connects to all {@code addresses} at once (SCTP_SOCKOPT_CONNECTX3, falling back to CONNECTX) and parks
     * until the association is up or {@code deadline} passes. Returns the association id where the kernel
     * reports one, else 0.
     */
    static int connectx(LinuxSctpSocket socket, List<InetAddress> addresses, int port, long deadline)
            throws IOException {
        FileDescriptor fd = socket.fd;
        PollRegistration poll = socket.poll;
        int family = socket.family;
        String op = "connect to " + SocketAddresses.describe(addresses, port);
        long effective = Math.min(deadline, poll.writeDeadline());
        if (effective != PollRegistration.NO_DEADLINE && effective - System.nanoTime() <= 0) {
            // Checked first: on loopback the handshake can finish inside the syscall, past the deadline.
            throw new SocketTimeoutException(op + " timed out: the deadline has passed");
        }
        int size = SockaddrCodec.packedSize(addresses, family);
        int seq = poll.writeSeq();
        int associationId;
        int errno;
        // The block: struct sctp_getaddrs_old, then the optlen getsockopt takes (an int, 8 bytes reserved), then
        // the packed addresses it points at.
        int optlenAt = GETADDRS_OLD_SIZE;
        int addrsAt = optlenAt + Long.BYTES;
        try (NativeBuffer packed = new NativeBuffer(addrsAt + size)) {
            ByteBuffer b = packed.buffer();
            SockaddrCodec.encodePacked(b, addrsAt, addresses, port, family);
            b.putInt(GETADDRS_OLD_ADDR_NUM, size);
            b.putLong(GETADDRS_OLD_ADDRS, packed.address(addrsAt));
            b.putInt(optlenAt, GETADDRS_OLD_SIZE);
            int raw = fd.acquire();
            try {
                int r = LibC.getsockopt(raw, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, packed.address(),
                        packed.address(optlenAt));
                errno = r < 0 ? LibC.errno() : 0;
                associationId = b.getInt(GETADDRS_OLD_ASSOC_ID);
                if (r < 0 && errno == Errno.ENOPROTOOPT) {
                    // Kernels before 2.6.33 know only CONNECTX, which returns the assoc id as its value.
                    r = LibC.setsockopt(raw, SOL_SCTP, SCTP_SOCKOPT_CONNECTX, packed.address(addrsAt), size);
                    errno = r < 0 ? LibC.errno() : 0;
                    associationId = Math.max(r, 0);
                }
            } finally {
                fd.release();
            }
        }
        if (errno != 0 && errno != Errno.EINPROGRESS && errno != Errno.EINTR) {
            throw failure(op, errno, addresses, port);
        }
        // Completion shows as output readiness; SO_ERROR then says whether the INIT handshake succeeded. Readiness
        // can come early (the socket is writable while COOKIE-ECHOED), so re-check on short slices until the
        // association is up rather than trusting a single edge.
        for (;;) {
            int status = poll.awaitWritableSlice(seq, deadline, LinuxSctpSocket.RECHECK_NANOS);
            seq = poll.writeSeq();
            if (status != PollRegistration.READY && status != PollRegistration.RECHECK) {
                socket.throwForWait(status, op);
            }
            int error = socket.getInt(SOL_SOCKET, SO_ERROR, "SO_ERROR");
            if (error != 0) {
                throw failure(op, error, addresses, port);
            }
            if (isConnected(fd)) {
                return associationId;
            }
        }
    }

    /**
     * The exception for a connect that failed with {@code errno}. ETIMEDOUT here means the kernel sent INIT as often
     * as SCTP_INITMSG allows and heard nothing: the association never came up, so it is a {@link ConnectException},
     * not a {@link SocketTimeoutException}, which would promise a socket still usable.
     */
    static IOException failure(String op, int errno, List<InetAddress> addresses, int port) {
        if (errno == Errno.ETIMEDOUT) {
            return new ConnectException(op + " failed: " + Errno.describe(errno) + ": no answer to INIT from "
                    + SocketAddresses.describe(addresses, port) + " after every retransmission: is a listener there,"
                    + " and is it reachable (routes, firewalls that drop SCTP)? The attempts and their timeout are"
                    + " SctpOptions.INIT_MSG's maxAttempts and maxInitTimeout (sysctl net.sctp.max_init_retransmits"
                    + " by default)");
        }
        return Errno.toException(op, errno);
    }

    private static boolean isConnected(FileDescriptor fd) throws IOException {
        try (NativeBuffer name = new NativeBuffer(SockaddrCodec.SOCKADDR_STORAGE_SIZE + 8)) {
            name.buffer().putInt(SockaddrCodec.SOCKADDR_STORAGE_SIZE, SockaddrCodec.SOCKADDR_STORAGE_SIZE);
            int raw = fd.acquire();
            try {
                int r = LibC.getpeername(raw, name.address(), name.address(SockaddrCodec.SOCKADDR_STORAGE_SIZE));
                if (r == 0) {
                    return true;
                }
                int errno = LibC.errno();
                if (errno == Errno.ENOTCONN) {
                    return false;
                }
                throw Errno.toException("getpeername", errno);
            } finally {
                fd.release();
            }
        }
    }
}
