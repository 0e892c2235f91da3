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
import java.nio.channels.ClosedChannelException;
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
    static final long RECHECK_NANOS = 50_000_000L;
    private static final long LINGER_SLICE_NANOS = 10_000_000L;

    final FileDescriptor fd;
    final PollRegistration poll;
    final int family;
    private final ReentrantLock optionLock = new ReentrantLock();
    private final ReentrantLock acceptLock = new ReentrantLock();
    private final NativeBuffer options;
    final SendPath sendPath;
    final ReceivePath receivePath;
    // Set once output is shut down: from then on the association can end without waking readers (see below).
    private volatile boolean outputShutdown;
    // Set when a call saw the association aborted: the kernel reports that once (sk_err), then only EAGAIN.
    private volatile int abortErrno;
    // SO_LINGER's time when positive, kept here and not in the kernel (see OptionCodec.setLinger); -1 when off.
    private volatile int lingerSeconds = -1;
    // Set once listen(2) succeeded, so close() knows to take the endpoint out of the kernel's lookup first.
    private volatile boolean listening;
    // Set by close() before it stops listening, so an accept that meets the stopped endpoint knows why.
    private volatile boolean closing;

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
                // Option values may be secrets (SCTP-AUTH keys): none stays in native memory after the call.
                clear(b, OPTION_BUFFER_SIZE);
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
        listening = backlog > 0;
    }

    /**
     * Accepts one association, parking until one arrives or {@code deadline} (a nanoTime value, or
     * {@link PollRegistration#NO_DEADLINE}) passes.
     */
    public LinuxSctpSocket accept(long deadline) throws IOException {
        // One acceptor at a time: a registration parks a single reader, and a second one parked beside it would
        // miss its wake-up (even the one closing the listener sends) and hang.
        Messages.lock(this, acceptLock, deadline, "accept");
        try {
            return acceptLocked(deadline);
        } finally {
            acceptLock.unlock();
        }
    }

    private LinuxSctpSocket acceptLocked(long deadline) throws IOException {
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
            if (errno == Errno.EINVAL && closing) {
                // close() stopped listening (listen with backlog 0) while this call was in the kernel
                throw new AsynchronousCloseException();
            }
            // ECONNABORTED: the association died in the queue; wait for the next one, as accept(2) advises.
            if (errno == Errno.EAGAIN || errno == Errno.ECONNABORTED) {
                awaitReadable(seq, deadline, "accept");
            } else if (errno != Errno.EINTR) {
                throw Errno.toException("accept", errno);
            }
        }
    }

    // ---- binding, connecting, addresses: see SocketAddresses and Connector -----------------------------------

    /**
     * Binds (or, with {@code add} false, unbinds) {@code addresses} at {@code port} with
     * SCTP_SOCKOPT_BINDX_ADD/REM. An empty list binds the wildcard address.
     */
    public void bindx(List<InetAddress> addresses, int port, boolean add) throws IOException {
        SocketAddresses.bindx(this, addresses, port, add);
    }

    /**
     * Connects to all {@code addresses} at once (SCTP_SOCKOPT_CONNECTX3, falling back to CONNECTX) and parks until
     * the association is up or {@code deadline} passes. Returns the association id where the kernel reports one.
     */
    public int connectx(List<InetAddress> addresses, int port, long deadline) throws IOException {
        return Connector.connectx(this, addresses, port, deadline);
    }

    /** Returns the local addresses (SCTP_GET_LOCAL_ADDRS), with the wildcard expanded by the kernel. */
    public List<InetSocketAddress> localAddresses() throws IOException {
        return SocketAddresses.list(this, SCTP_GET_LOCAL_ADDRS, "SCTP_GET_LOCAL_ADDRS");
    }

    /** Returns the peer's addresses (SCTP_GET_PEER_ADDRS); empty when not connected. */
    public List<InetSocketAddress> peerAddresses() throws IOException {
        return SocketAddresses.list(this, SCTP_GET_PEER_ADDRS, "SCTP_GET_PEER_ADDRS");
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
            // A reader already parked without slices would never notice the association ending (see
            // awaitReadableWhileAssociated): a spurious readiness makes it retry recvmsg and wait in slices.
            poll.readReady();
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
            int status = poll.awaitReadableSlice(seq, deadline, RECHECK_NANOS);
            if (status == PollRegistration.READY) {
                return true;
            }
            if (status != PollRegistration.RECHECK) {
                throwForWait(status, operation);
            }
        }
    }

    /** Returns the positive SO_LINGER time to honour on close, or -1. */
    public int lingerSeconds() {
        return lingerSeconds;
    }

    /** Sets the SO_LINGER time to honour on close; -1 for none. */
    public void setLingerSeconds(int seconds) {
        lingerSeconds = seconds;
    }

    /**
     * Waits until the association is gone or {@code deadline} (a nanoTime value) passes, and returns whether it is
     * gone. It sleeps in short slices instead of parking on the poller: the kernel raises no readiness when our
     * SHUTDOWN completes (see awaitReadableWhileAssociated), and a second thread parked on the registration would
     * take wake-ups meant for a reader.
     */
    public boolean awaitUnassociated(long deadline) throws IOException {
        while (hasAssociation()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, LINGER_SLICE_NANOS));
        }
        return true;
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
     * Wakes every waiting thread, then closes the fd once no call is in flight; idempotent. A listener refuses new
     * associations from the moment this returns, even while the fd itself stays open a little longer.
     */
    public void close() {
        if (listening) {
            stopListening();
        }
        poll.cancel();
        fd.close();
    }

    /**
     * Another thread's call in flight defers close(2), and a child process forked before its exec holds a copy of
     * the fd, so the kernel endpoint could outlive close() and accept INITs meanwhile. listen(2) with backlog 0
     * takes an SCTP endpoint out of the lookup at once; associations already queued are handled at the real close
     * as before (SHUTDOWN, or ABORT when data was left unread).
     */
    private void stopListening() {
        closing = true;
        int raw;
        try {
            raw = fd.acquire();
        } catch (ClosedChannelException e) {
            // Another close() marked the fd closed, which it does only after its listen(0) returned.
            return;
        }
        try {
            // A concurrent close() that got the fd too repeats this; the second listen(0) fails with EINVAL, harmless.
            LibC.listen(raw, 0);
            fd.close(); // no new call starts from here on; the real close(2) runs at the release below
        } finally {
            fd.release();
        }
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

    void throwForWait(int status, String operation) throws IOException {
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

    @Override
    public String toString() {
        return "LinuxSctpSocket(" + fd + ")";
    }
}
