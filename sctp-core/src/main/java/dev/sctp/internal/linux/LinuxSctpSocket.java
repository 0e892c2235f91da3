package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A non-blocking kernel SCTP socket with blocking-style operations that park on the {@link EpollPoller}.
 *
 * <p>Internal usage only. Every call runs between {@link FileDescriptor#acquire()} and {@link
 * FileDescriptor#release()}; EAGAIN parks the caller until readiness or its deadline, and never escapes.
 * Option calls share one small native buffer under {@link #optionLock}; messages use their own buffers.
 */
public final class LinuxSctpSocket {

    private static final int OPTION_BUFFER_SIZE = 512;
    private static final int ADDRESS_BUFFER_START = 4096;
    private static final long RECHECK_NANOS = 50_000_000L;

    private final FileDescriptor fd;
    private final PollRegistration poll;
    private final int family;
    private final ReentrantLock optionLock = new ReentrantLock();
    private final NativeBuffer options;
    final SendPath sendPath;
    final ReceivePath receivePath;
    // Set once output is shut down: from then on the association can end without waking readers (see below).
    private volatile boolean outputShutdown;
    // Set when a call saw the association aborted: the kernel reports that once (sk_err), then only EAGAIN.
    private volatile int abortErrno;

    private LinuxSctpSocket(int rawFd, int family) throws IOException {
        this.family = family;
        NativeBuffer optionBuffer = null;
        SendPath send = null;
        ReceivePath receive = null;
        PollRegistration registration = null;
        try {
            optionBuffer = new NativeBuffer(OPTION_BUFFER_SIZE);
            send = new SendPath(family);
            receive = new ReceivePath();
            registration = EpollPoller.shared().register(rawFd);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(optionBuffer, send, receive);
            LibC.close(rawFd);
            throw e;
        }
        this.options = optionBuffer;
        this.sendPath = send;
        this.receivePath = receive;
        this.poll = registration;
        PollRegistration p = registration;
        this.fd = new FileDescriptor(rawFd, () -> {
            p.deregister();
            closeQuietly(options, sendPath, receivePath);
        });
    }

    /**
     * Opens a non-blocking SCTP socket.
     *
     * @param family {@link SockaddrCodec#AF_INET} or {@link SockaddrCodec#AF_INET6}
     * @param type {@link SctpConstants#SOCK_STREAM} (one-to-one) or {@link SctpConstants#SOCK_SEQPACKET}
     */
    public static LinuxSctpSocket open(int family, int type) throws IOException {
        int raw = LibC.socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_SCTP);
        if (raw < 0) {
            throw Errno.toException("socket", LibC.errno());
        }
        return new LinuxSctpSocket(raw, family);
    }

    /** Returns the address family. */
    public int family() {
        return family;
    }

    /** Records the peer's port once connected, for messages sent to a chosen peer address. */
    public void setPeerPort(int port) {
        sendPath.peerPort = port;
    }

    /** Returns the fd owner. */
    public FileDescriptor fileDescriptor() {
        return fd;
    }

    /** Returns the poller registration, which also holds the read and write deadlines. */
    public PollRegistration poll() {
        return poll;
    }

    /** Returns whether {@link #close()} was called. */
    public boolean isClosed() {
        return fd.isClosed();
    }

    // ---- options -------------------------------------------------------------------------------------------

    /** Encodes an option value into the option buffer. */
    @FunctionalInterface
    public interface Encoder {
        /** Writes the value at offset 0 and returns its length in bytes. */
        int encode(ByteBuffer buffer);
    }

    /** Decodes an option value from the option buffer. */
    @FunctionalInterface
    public interface Decoder<T> {
        /** Reads the value from offset 0; {@code length} is the optlen the kernel returned. */
        T decode(ByteBuffer buffer, int length);
    }

    /** setsockopt with an int value. */
    public void setInt(int level, int name, String optionName, int value) throws IOException {
        set(level, name, optionName, b -> {
            b.putInt(0, value);
            return 4;
        });
    }

    /** getsockopt of an int value. */
    public int getInt(int level, int name, String optionName) throws IOException {
        return get(level, name, optionName, 4, null, (b, len) -> b.getInt(0));
    }

    /** setsockopt with a value the encoder writes into the option buffer. */
    public void set(int level, int name, String optionName, Encoder encoder) throws IOException {
        optionLock.lock();
        try {
            // The fd is held before the option buffer is touched: close frees that buffer after the last holder.
            int raw = fd.acquire();
            int r;
            int errno = 0;
            try {
                ByteBuffer b = options.buffer();
                clear(b, OPTION_BUFFER_SIZE);
                int len = encoder.encode(b);
                r = LibC.setsockopt(raw, level, name, options.address(), len);
                if (r < 0) {
                    errno = LibC.errno();
                }
            } finally {
                fd.release();
            }
            if (r < 0) {
                throw Errno.toException("setsockopt(" + optionName + ")", errno);
            }
        } finally {
            optionLock.unlock();
        }
    }

    /**
     * getsockopt into the option buffer. {@code request}, when given, writes the input part (such as an
     * association id or an address) before the call; the optlen passed is {@code length}.
     */
    public <T> T get(int level, int name, String optionName, int length, Encoder request, Decoder<T> decoder)
            throws IOException {
        int lenAt = OPTION_BUFFER_SIZE - 8;
        if (length > lenAt) {
            throw new IllegalArgumentException("option " + optionName + " of " + length + " bytes is too big");
        }
        optionLock.lock();
        try {
            int raw = fd.acquire();
            try {
                ByteBuffer b = options.buffer();
                clear(b, OPTION_BUFFER_SIZE);
                if (request != null) {
                    request.encode(b);
                }
                b.putInt(lenAt, length);
                int r = LibC.getsockopt(raw, level, name, options.address(), options.address(lenAt));
                if (r < 0) {
                    throw Errno.toException("getsockopt(" + optionName + ")", LibC.errno());
                }
                int returned = b.getInt(lenAt);
                if (returned < 0 || returned > length) {
                    throw new IllegalStateException("getsockopt(" + optionName + ") returned optlen " + returned
                            + " for a buffer of " + length);
                }
                return decoder.decode(b, returned);
            } finally {
                fd.release();
            }
        } finally {
            optionLock.unlock();
        }
    }

    private static void clear(ByteBuffer b, int size) {
        for (int i = 0; i < size; i += 8) {
            b.putLong(i, 0L);
        }
    }

    // ---- binding, listening, accepting ----------------------------------------------------------------------

    /**
     * Binds (or, with {@code add} false, unbinds) {@code addresses} at {@code port} with
     * SCTP_SOCKOPT_BINDX_ADD/REM. An empty list binds the wildcard address.
     */
    public void bindx(List<InetAddress> addresses, int port, boolean add) throws IOException {
        List<InetAddress> list = addresses.isEmpty() ? List.of(wildcard()) : addresses;
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

    private InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[family == SockaddrCodec.AF_INET6 ? 16 : 4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** listen(2). */
    public void listen(int backlog) throws IOException {
        int raw = fd.acquire();
        int r;
        int errno = 0;
        try {
            r = LibC.listen(raw, backlog);
            if (r < 0) {
                errno = LibC.errno();
            }
        } finally {
            fd.release();
        }
        if (r < 0) {
            throw Errno.toException("listen", errno);
        }
    }

    /**
     * Accepts one association, parking until one arrives or {@code deadline} (a nanoTime value, or
     * {@link PollRegistration#NO_DEADLINE}) passes.
     */
    public LinuxSctpSocket accept(long deadline) throws IOException {
        for (;;) {
            int seq = poll.readSeq();
            int raw = fd.acquire();
            int r;
            int errno = 0;
            try {
                r = LibC.accept4(raw, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (r < 0) {
                    errno = LibC.errno();
                }
            } finally {
                fd.release();
            }
            if (r >= 0) {
                return new LinuxSctpSocket(r, family);
            }
            // ECONNABORTED: the association died in the queue; wait for the next one, as accept(2) advises.
            if (errno == Errno.EAGAIN || errno == Errno.ECONNABORTED) {
                awaitReadable(seq, deadline, "accept");
            } else if (errno != Errno.EINTR) {
                throw Errno.toException("accept", errno);
            }
        }
    }

    // ---- connecting ------------------------------------------------------------------------------------------

    /**
     * Connects to all {@code addresses} at once (SCTP_SOCKOPT_CONNECTX3, falling back to CONNECTX) and parks
     * until the association is up or {@code deadline} passes. Returns the association id where the kernel
     * reports one, else 0.
     */
    public int connectx(List<InetAddress> addresses, int port, long deadline) throws IOException {
        String op = "connect to " + describe(addresses, port);
        long effective = Math.min(deadline, poll.writeDeadline());
        if (effective != PollRegistration.NO_DEADLINE && effective - System.nanoTime() <= 0) {
            // Checked first: on loopback the handshake can finish inside the syscall, past the deadline.
            throw new SocketTimeoutException(op + " timed out: the deadline has passed");
        }
        int size = SockaddrCodec.packedSize(addresses, family);
        int seq = poll.writeSeq();
        int associationId;
        int errno;
        try (NativeBuffer packed = new NativeBuffer(size + 24)) {
            ByteBuffer b = packed.buffer();
            // struct sctp_getaddrs_old {assoc_id @0; addr_num (bytes) @4; addrs pointer @8}, optlen @16.
            int addrsAt = 24;
            SockaddrCodec.encodePacked(b, addrsAt, addresses, port, family);
            b.putInt(4, size);
            b.putLong(8, packed.address(addrsAt));
            b.putInt(16, 16);
            int raw = fd.acquire();
            try {
                int r = LibC.getsockopt(raw, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, packed.address(), packed.address(16));
                errno = r < 0 ? LibC.errno() : 0;
                associationId = b.getInt(0);
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
            throw Errno.toException(op, errno);
        }
        // Completion shows as output readiness; SO_ERROR then says whether the INIT handshake succeeded. Readiness
        // can come early (the socket is writable while COOKIE-ECHOED), so re-check on short slices until the
        // association is up rather than trusting a single edge.
        for (;;) {
            long limit = Math.min(deadline, poll.writeDeadline());
            long slice = Math.min(limit, System.nanoTime() + RECHECK_NANOS);
            int status = poll.awaitWritable(seq, slice);
            seq = poll.writeSeq();
            if (status == PollRegistration.TIMED_OUT && slice != limit
                    && (limit == PollRegistration.NO_DEADLINE || limit - System.nanoTime() > 0)) {
                status = PollRegistration.READY; // only the re-check slice ended
            }
            if (status != PollRegistration.READY) {
                throwForWait(status, op);
            }
            int error = getInt(SOL_SOCKET, SO_ERROR, "SO_ERROR");
            if (error != 0) {
                throw Errno.toException(op, error);
            }
            if (isConnected()) {
                return associationId;
            }
        }
    }

    private boolean isConnected() throws IOException {
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

    // ---- addresses -------------------------------------------------------------------------------------------

    /** Returns the local addresses (SCTP_GET_LOCAL_ADDRS), with the wildcard expanded by the kernel. */
    public List<InetSocketAddress> localAddresses() throws IOException {
        return addresses(SCTP_GET_LOCAL_ADDRS, "SCTP_GET_LOCAL_ADDRS");
    }

    /** Returns the peer's addresses (SCTP_GET_PEER_ADDRS); empty when not connected. */
    public List<InetSocketAddress> peerAddresses() throws IOException {
        return addresses(SCTP_GET_PEER_ADDRS, "SCTP_GET_PEER_ADDRS");
    }

    private List<InetSocketAddress> addresses(int option, String optionName) throws IOException {
        for (int size = ADDRESS_BUFFER_START; ; size *= 2) {
            try (NativeBuffer buf = new NativeBuffer(size + 8)) {
                ByteBuffer b = buf.buffer();
                // struct sctp_getaddrs {assoc_id @0; addr_num @4; addrs @8}; optlen after the buffer.
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
                int count = b.getInt(4);
                List<InetSocketAddress> result = new ArrayList<>(count);
                int at = 8;
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

    // ---- shutdown and close ----------------------------------------------------------------------------------

    /** shutdown(2); {@code SHUT_WR} sends SHUTDOWN once queued data is acknowledged. */
    public void shutdown(int how) throws IOException {
        int raw = fd.acquire();
        int r;
        int errno = 0;
        try {
            r = LibC.shutdown(raw, how);
            if (r < 0) {
                errno = LibC.errno();
            }
        } finally {
            fd.release();
        }
        if (r < 0 && errno != Errno.ENOTCONN) {
            throw Errno.toException("shutdown", errno);
        }
        if (how != SHUT_RD) {
            outputShutdown = true;
        }
    }

    /**
     * Waits for input after EAGAIN and returns {@code false} if the association ended meanwhile. Needed because of a
     * kernel quirk: once this side has sent SHUTDOWN and the association completes, a non-blocking one-to-one
     * socket answers recvmsg with EAGAIN forever and raises no input readiness (only a blocking recvmsg sees
     * ENOTCONN). So after output shutdown, waits run in short slices that check whether the association is gone.
     */
    boolean awaitReadableWhileAssociated(int seq, long deadline, String operation) throws IOException {
        if (!outputShutdown) {
            awaitReadable(seq, deadline, operation);
            return true;
        }
        for (;;) {
            if (!hasAssociation()) {
                return false;
            }
            long limit = Math.min(deadline, poll.readDeadline());
            long slice = Math.min(limit, System.nanoTime() + RECHECK_NANOS);
            int status = poll.awaitReadable(seq, slice);
            if (status == PollRegistration.READY) {
                return true;
            }
            boolean sliceEnded = status == PollRegistration.TIMED_OUT && slice != limit
                    && (limit == PollRegistration.NO_DEADLINE || limit - System.nanoTime() > 0);
            if (!sliceEnded) {
                throwForWait(status, operation);
            }
        }
    }

    /** Records that a call found the association aborted with {@code errno}. */
    void markAborted(int errno) {
        abortErrno = errno;
    }

    /** Throws if an earlier call found the association aborted, so later calls fail at once instead of hanging. */
    void checkNotAborted(String operation) throws IOException {
        int errno = abortErrno;
        if (errno != 0) {
            throw new dev.sctp.SctpAssociationAbortedException(operation + " failed: the association was aborted ("
                    + Errno.describe(errno) + ")", operation, errno);
        }
    }

    private boolean hasAssociation() throws IOException {
        try {
            // SCTP_STATUS fails with EINVAL once the one-to-one socket's association is freed.
            get(SOL_SCTP, SCTP_STATUS, "SCTP_STATUS", 176, null, (b, len) -> null);
            return true;
        } catch (dev.sctp.SctpException e) {
            if (e.errno() == Errno.EINVAL) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Reads and drops whatever the kernel has queued for this socket, without waiting. Linux answers close(2) with
     * ABORT instead of SHUTDOWN when unread data is queued, so a graceful close drains first.
     */
    public void drain() {
        try (NativeBuffer scratch = new NativeBuffer(65536)) {
            for (int i = 0; i < 4096; i++) {
                int raw;
                try {
                    raw = fd.acquire();
                } catch (IOException e) {
                    return;
                }
                long r;
                try {
                    r = LibC.recvmsg(raw, drainHeader(scratch), MSG_DONTWAIT);
                } finally {
                    fd.release();
                }
                if (r <= 0) {
                    return;
                }
            }
        }
    }

    private static long drainHeader(NativeBuffer scratch) {
        // msghdr @0 (56 bytes), one iovec @64 over the bytes from 128 on.
        ByteBuffer b = scratch.buffer();
        b.putLong(MSGHDR_NAME, 0L);
        b.putInt(MSGHDR_NAMELEN, 0);
        b.putLong(MSGHDR_IOV, scratch.address(64));
        b.putLong(MSGHDR_IOVLEN, 1L);
        b.putLong(MSGHDR_CONTROL, 0L);
        b.putLong(MSGHDR_CONTROLLEN, 0L);
        b.putInt(MSGHDR_FLAGS, 0);
        b.putLong(64, scratch.address(128));
        b.putLong(72, scratch.size() - 128L);
        return scratch.address();
    }

    /** Wakes every waiting thread, then closes the fd once no call is in flight; idempotent. */
    public void close() {
        poll.cancel();
        fd.close();
    }

    // ---- waiting ---------------------------------------------------------------------------------------------

    /** Parks for input readiness; throws the exception matching a timeout, a close or an interrupt. */
    public void awaitReadable(int seq, long deadline, String operation) throws IOException {
        int status = poll.awaitReadable(seq, deadline);
        if (status != PollRegistration.READY) {
            throwForWait(status, operation);
        }
    }

    /** Parks for output readiness; throws the exception matching a timeout, a close or an interrupt. */
    public void awaitWritable(int seq, long deadline, String operation) throws IOException {
        int status = poll.awaitWritable(seq, deadline);
        if (status != PollRegistration.READY) {
            throwForWait(status, operation);
        }
    }

    private void throwForWait(int status, String operation) throws IOException {
        switch (status) {
            case PollRegistration.TIMED_OUT -> throw new SocketTimeoutException(operation + " timed out");
            case PollRegistration.CLOSED -> throw new AsynchronousCloseException();
            case PollRegistration.INTERRUPTED -> {
                // Like an InterruptibleChannel: an interrupt closes the socket and the waiter sees why.
                close();
                throw new ClosedByInterruptException();
            }
            default -> throw new InterruptedIOException(operation + ": unexpected wait status " + status);
        }
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // freeing native memory does not fail; nothing to report
                }
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

    @Override
    public String toString() {
        return "LinuxSctpSocket(" + fd + ")";
    }
}
