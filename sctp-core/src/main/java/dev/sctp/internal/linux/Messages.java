package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAssociationAbortedException;
import dev.sctp.SendInfo;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.jspecify.annotations.Nullable;

/**
 * Sending and receiving whole messages on a {@link LinuxSctpSocket}, with the heap and direct-buffer paths.
 *
 * <p>Internal usage only. Each operation holds the fd for its whole length (so close waits for it to wake and
 * leave before the fd number is freed) and parks on EAGAIN. The direct-buffer paths allocate nothing.
 */
public final class Messages {

    /** {@link #receive} returns this at the end of the stream. */
    public static final int END_OF_STREAM = -1;

    private static final int MAX_DISCARDED_READS = 65536;

    private Messages() {
    }

    /** Sends the remaining bytes of {@code src} as one message and advances its position. */
    public static int send(LinuxSctpSocket socket, ByteBuffer src, SendInfo info, long deadline) throws IOException {
        return send(socket, src, info, info.streamId(), info.ppid(), !info.usesSocketDefaults(), deadline);
    }

    /**
     * Sends the remaining bytes of {@code src} as one message, as {@code info} says but on {@code streamId} with
     * {@code ppid}, and advances its position. {@code explicit} false sends no SNDINFO cmsg, so the socket's default
     * send parameters apply.
     */
    public static int send(LinuxSctpSocket socket, ByteBuffer src, SendInfo info, int streamId, int ppid,
            boolean explicit, long deadline) throws IOException {
        SendPath path = socket.sendPath;
        int length = src.remaining();
        int raw = enter(socket, path.lock, deadline, "sendmsg");
        try {
            long data;
            NativeBuffer staging = null;
            if (src.isDirect()) {
                data = path.cachedDirectAddress(src);
            } else {
                staging = path.borrowExact(length);
                staging.buffer().put(0, src, src.position(), length);
                data = staging.address();
            }
            try {
                int sent = sendLocked(socket, raw, path, data, length, info, streamId, ppid, explicit, deadline);
                src.position(src.position() + sent);
                return sent;
            } finally {
                if (staging != null) {
                    path.giveBack(staging);
                }
            }
        } finally {
            exit(socket, path.lock);
        }
    }

    /** Sends {@code length} bytes of {@code src} from {@code offset} as one message. */
    public static int send(LinuxSctpSocket socket, byte[] src, int offset, int length, SendInfo info, long deadline)
            throws IOException {
        return send(socket, src, offset, length, info, info.streamId(), info.ppid(), !info.usesSocketDefaults(),
                deadline);
    }

    /** Like {@link #send(LinuxSctpSocket, ByteBuffer, SendInfo, int, int, boolean, long)}, from a byte array. */
    public static int send(LinuxSctpSocket socket, byte[] src, int offset, int length, SendInfo info, int streamId,
            int ppid, boolean explicit, long deadline) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        SendPath path = socket.sendPath;
        int raw = enter(socket, path.lock, deadline, "sendmsg");
        try {
            NativeBuffer staging = path.borrowExact(length);
            try {
                staging.buffer().put(0, src, offset, length);
                return sendLocked(socket, raw, path, staging.address(), length, info, streamId, ppid, explicit,
                        deadline);
            } finally {
                path.giveBack(staging);
            }
        } finally {
            exit(socket, path.lock);
        }
    }

    /** The send loop; the caller holds the path's lock and the fd. */
    private static int sendLocked(LinuxSctpSocket socket, int raw, SendPath path, long data, int length,
            SendInfo info, int streamId, int ppid, boolean explicit, long deadline) throws IOException {
        PollRegistration poll = socket.poll();
        checkDeadline(poll.writeDeadline(), "sendmsg");
        long header = path.encode(data, length, info, streamId, ppid, explicit);
        for (;;) {
            int seq = poll.writeSeq();
            long r = LibC.sendmsg(raw, header, MSG_NOSIGNAL);
            if (r >= 0) {
                if (poll.isWriteArmed()) {
                    poll.disarmWritable(); // output readiness is watched only while a send waits for it
                }
                return (int) r;
            }
            int errno = LibC.errno();
            if (errno == Errno.EAGAIN) {
                socket.awaitWritable(seq, deadline, "sendmsg");
            } else if (errno != Errno.EINTR) {
                throw SendErrors.translate(socket, errno, length, info);
            }
        }
    }

    /**
     * Receives one message (or the next part of one) into {@code dst} from its position, and fills {@code info}.
     * Returns the bytes read, 0 for a notification (then {@code info.notification()} holds it and {@code dst}
     * is unchanged), or {@link #END_OF_STREAM}.
     */
    public static int receive(LinuxSctpSocket socket, ByteBuffer dst, ReceiveInfo info, long deadline)
            throws IOException {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException(); // before recvmsg: a message read into nowhere would be lost
        }
        requireRoom(dst.remaining());
        ReceivePath path = socket.receivePath;
        int raw = enter(socket, path.lock, deadline, "recvmsg");
        try {
            int length = dst.remaining();
            if (dst.isDirect()) {
                long data = path.cachedDirectAddress(dst);
                int n = receiveLocked(socket, raw, path, data, length, dst, dst.position(), info, deadline);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            return receiveHeap(socket, raw, path, null, dst, 0, MessagePath.heapReadLength(length), info, deadline);
        } finally {
            exit(socket, path.lock);
        }
    }

    /** Like {@link #receive(LinuxSctpSocket, ByteBuffer, ReceiveInfo, long)}, into a byte array. */
    public static int receive(LinuxSctpSocket socket, byte[] dst, int offset, int length, ReceiveInfo info,
            long deadline) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, dst.length);
        requireRoom(length);
        ReceivePath path = socket.receivePath;
        int raw = enter(socket, path.lock, deadline, "recvmsg");
        try {
            return receiveHeap(socket, raw, path, dst, null, offset, MessagePath.heapReadLength(length), info,
                    deadline);
        } finally {
            exit(socket, path.lock);
        }
    }

    /**
     * A receive into a heap array ({@code array} from {@code offset}) or heap buffer ({@code buffer} from its
     * position) of {@code length} bytes, staged through a borrowed native buffer that is given back before each
     * wait: a receive parked on an idle socket holds no staging memory. The caller holds the lock and the fd.
     */
    private static int receiveHeap(LinuxSctpSocket socket, int raw, ReceivePath path, byte @Nullable [] array,
            @Nullable ByteBuffer buffer, int offset, int length, ReceiveInfo info, long deadline)
            throws IOException {
        checkReceivable(socket);
        for (;;) {
            int n;
            NativeBuffer staging = path.borrowStaging(length);
            try {
                n = receiveLoop(socket, raw, path, staging.address(), length, staging.buffer(), 0, info, deadline,
                        false);
                if (n > 0) {
                    if (array != null) {
                        staging.buffer().get(0, array, offset, n);
                    } else if (buffer != null) {
                        buffer.put(buffer.position(), staging.buffer(), 0, n);
                        buffer.position(buffer.position() + n);
                    }
                }
            } finally {
                path.giveBack(staging);
            }
            if (n != WOULD_BLOCK) {
                return n;
            }
            if (!socket.awaitReadableWhileAssociated(path.parkSeq, deadline, "recvmsg")) {
                info.setEndOfStream();
                return END_OF_STREAM;
            }
        }
    }

    /** The checks before a receive: the socket's read deadline, and an abort already seen. */
    private static void checkReceivable(LinuxSctpSocket socket) throws IOException {
        checkDeadline(socket.poll().readDeadline(), "recvmsg");
        socket.checkNotAborted("recvmsg");
    }

    /** {@link #receiveLoop} found nothing and was told not to wait; {@link ReceivePath#parkSeq} says since when. */
    private static final int WOULD_BLOCK = -3;

    /**
     * The receive loop. {@code view} from {@code viewOffset} covers the same memory as {@code data}; it is written to
     * serve read-ahead messages and read to copy notification bytes out. One recvmmsg reads the next message into
     * {@code data} and up to {@link ReadAhead#SLOTS} more into the read-ahead, which later calls serve first.
     */
    static int receiveLocked(LinuxSctpSocket socket, int raw, ReceivePath path, long data, int length,
            ByteBuffer view, int viewOffset, ReceiveInfo info, long deadline) throws IOException {
        checkReceivable(socket);
        return receiveLoop(socket, raw, path, data, length, view, viewOffset, info, deadline, true);
    }

    /**
     * {@link #receiveLocked} after its checks. With {@code park} false it returns {@link #WOULD_BLOCK} instead of
     * waiting for input, and the caller waits with the sequence number left in {@link ReceivePath#parkSeq}.
     */
    private static int receiveLoop(LinuxSctpSocket socket, int raw, ReceivePath path, long data, int length,
            ByteBuffer view, int viewOffset, ReceiveInfo info, long deadline, boolean park) throws IOException {
        PollRegistration poll = socket.poll();
        ReadAhead ahead = path.readAhead();
        for (;;) {
            if (ahead.hasPending()) {
                int served = serveAhead(socket, raw, path, ahead, data, length, view, viewOffset, info);
                if (served != NOTIFICATION_CONTINUES) {
                    return served;
                }
                continue;
            }
            int seq = poll.readSeq();
            if (path.deferredErrno != 0) {
                int single = receiveSingle(socket, raw, path, data, length, view, viewOffset, info);
                if (single != NOTIFICATION_CONTINUES) {
                    return single;
                }
                continue;
            }
            int r = LibC.recvmmsg(raw, ahead.encode(data, length), ahead.entries(), 0, 0L);
            if (r <= 0) {
                int errno = r == 0 ? Errno.EAGAIN : LibC.errno();
                if (errno == Errno.EAGAIN) {
                    if (!park) {
                        path.parkSeq = seq;
                        return WOULD_BLOCK;
                    }
                    if (!socket.awaitReadableWhileAssociated(seq, deadline, "recvmsg")) {
                        info.setEndOfStream();
                        return END_OF_STREAM;
                    }
                    continue;
                }
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.ENOTCONN) {
                    // After our own SHUTDOWN completes, Linux reports ENOTCONN: that is the end of the stream.
                    info.setEndOfStream();
                    return END_OF_STREAM;
                }
                // recvmmsg reports a socket error (such as the ECONNRESET of an ABORT) before the messages still
                // queued, which recvmsg delivers first (COMM_LOST, SEND_FAILED): read those one by one, then report it.
                path.deferredErrno = errno;
                continue;
            }
            ahead.filled(r);
            int n = ahead.length(0);
            if (n > length) {
                throw new IllegalStateException("recvmmsg reported " + n + " bytes for a buffer of " + length);
            }
            int flags = ahead.flags(0);
            if ((flags & MSG_NOTIFICATION) != 0) {
                path.appendNotification(view, viewOffset, n);
                if ((flags & MSG_EOR) == 0) {
                    continue; // the rest of the notification follows, read ahead or still in the kernel
                }
                ByteBuffer whole = path.takeNotification();
                info.setNotification(NotificationDecoder.decode(whole, 0, whole.capacity()));
                return 0;
            }
            if (n == 0 && length > 0) {
                ahead.clear();
                info.setEndOfStream();
                return END_OF_STREAM;
            }
            ahead.decodeData(0, n, (flags & MSG_EOR) != 0, info);
            return n;
        }
    }

    /**
     * One recvmsg while an error that recvmmsg reported is deferred: returns a message as the receive would, or
     * throws the deferred error once nothing is queued any more.
     */
    private static int receiveSingle(LinuxSctpSocket socket, int raw, ReceivePath path, long data, int length,
            ByteBuffer view, int viewOffset, ReceiveInfo info) throws IOException {
        long r = LibC.recvmsg(raw, path.encode(data, length), 0);
        if (r < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EINTR) {
                return NOTIFICATION_CONTINUES; // (retry)
            }
            int deferred = path.deferredErrno;
            path.deferredErrno = 0;
            throw receiveError(socket, errno == Errno.EAGAIN ? deferred : errno, "recvmsg");
        }
        int n = (int) r;
        int flags = path.messageFlags();
        if ((flags & MSG_NOTIFICATION) != 0) {
            path.appendNotification(view, viewOffset, n);
            if ((flags & MSG_EOR) == 0) {
                return NOTIFICATION_CONTINUES;
            }
            ByteBuffer whole = path.takeNotification();
            info.setNotification(NotificationDecoder.decode(whole, 0, whole.capacity()));
            return 0;
        }
        if (n == 0 && length > 0) {
            info.setEndOfStream();
            return END_OF_STREAM;
        }
        path.decodeData(n, (flags & MSG_EOR) != 0, info);
        return n;
    }

    /** {@link #serveAhead} served a part of a notification whose rest is still to be read. */
    private static final int NOTIFICATION_CONTINUES = -2;

    /**
     * Serves the next read-ahead entry as a receive would have: a notification (reassembled across entries), the end
     * of the stream, or as much of a message as fits, joining its parts from the following entries and then from
     * the kernel, so the caller sees the same message boundaries as without read-ahead.
     */
    private static int serveAhead(LinuxSctpSocket socket, int raw, ReceivePath path, ReadAhead ahead, long data,
            int length, ByteBuffer view, int viewOffset, ReceiveInfo info) throws IOException {
        if (ahead.takeEndOfStream()) {
            info.setEndOfStream();
            return END_OF_STREAM;
        }
        int first = ahead.current();
        int flags = ahead.flags(first);
        if ((flags & MSG_NOTIFICATION) != 0) {
            ahead.appendNotificationTo(path);
            ahead.advance();
            if ((flags & MSG_EOR) == 0) {
                return NOTIFICATION_CONTINUES;
            }
            ByteBuffer whole = path.takeNotification();
            info.setNotification(NotificationDecoder.decode(whole, 0, whole.capacity()));
            return 0;
        }
        int copied = 0;
        boolean complete;
        for (;;) {
            copied += ahead.copyTo(view, viewOffset + copied, length - copied);
            if (ahead.remaining() > 0) {
                complete = false; // the caller's buffer is full; the rest stays read ahead
                break;
            }
            int served = ahead.current();
            boolean eor = (ahead.flags(served) & MSG_EOR) != 0;
            ahead.advance();
            if (eor || copied == length) {
                complete = eor;
                break;
            }
            if (ahead.hasMoreEntries()) {
                if ((ahead.flags(ahead.current()) & MSG_NOTIFICATION) == 0 && ahead.continuesInNext(served)) {
                    continue; // the message goes on in the next entry
                }
                complete = false; // a notification, or (interleaved partial delivery) another stream's part
                break;
            }
            if (ahead.hasPending()) {
                complete = false; // the end of the stream is next
                break;
            }
            if (!ahead.filledSlot(served)) {
                complete = false; // the kernel's part ended: what it holds next may be another stream's
                break;
            }
            // The rest of the message is still in the kernel, or (partial delivery) not yet arrived. With fragment
            // interleaving the kernel's next part may be another stream's even after a full slot: look first (one
            // byte, MSG_PEEK leaves it queued) and take it only if it goes on with this message.
            long r = LibC.recvmsg(raw, path.encode(data + copied, 1), MSG_PEEK);
            if (r > 0 && ((path.messageFlags() & MSG_NOTIFICATION) != 0 || !ahead.continuesIn(first, path))) {
                complete = false; // another stream's part or a notification: served by the next receive
                break;
            }
            if (r > 0) {
                r = LibC.recvmsg(raw, path.encode(data + copied, length - copied), 0);
            }
            if (r > 0) {
                copied += (int) r;
                complete = (path.messageFlags() & MSG_EOR) != 0;
            } else {
                complete = false;
                if (r < 0) {
                    int errno = LibC.errno();
                    if (errno != Errno.EAGAIN && errno != Errno.EINTR && errno != Errno.ENOTCONN) {
                        receiveError(socket, errno, "recvmsg"); // records an abort; the next call reports it
                    }
                }
            }
            break;
        }
        ahead.decodeData(first, copied, complete, info);
        return copied;
    }

    /** Returns the data bytes read ahead and not yet received, which the kernel no longer counts as unread. */
    public static long readAheadBytes(LinuxSctpSocket socket) {
        ReceivePath path = socket.receivePath;
        if (!path.lock.tryLock()) {
            return 0; // a receive is running: it parks only once nothing is read ahead
        }
        try {
            ReadAhead ahead = path.readAheadIfAny();
            return ahead == null || socket.isClosed() ? 0 : ahead.unreadDataBytes();
        } finally {
            path.lock.unlock();
        }
    }

    static IOException receiveError(LinuxSctpSocket socket, int errno, String operation) {
        if (errno == Errno.ECONNRESET || errno == Errno.EPIPE || errno == Errno.ECONNABORTED) {
            socket.markAborted(errno);
        } else if (errno == Errno.ETIMEDOUT) {
            // The kernel sets sk_err = ETIMEDOUT when the association fails because retransmissions ran out
            // (sm_statefuns.c, SCTP_CMD_SET_SK_ERR before SCTP_CMD_ASSOC_FAILED): it is lost, not a timeout of this
            // call, and the kernel reports it only once.
            socket.markAborted(errno);
            return new SctpAssociationAbortedException(operation + " failed: " + Errno.describe(errno)
                    + ": the association failed, the peer stopped answering and retransmissions ran out",
                    operation, errno);
        }
        return Errno.toException(operation, errno);
    }

    /**
     * A receive into no room cannot make progress: with a notification queued, recvmsg returns 0 bytes without
     * MSG_EOR and keeps the notification, again and again.
     */
    private static void requireRoom(int length) {
        if (length == 0) {
            throw new IllegalArgumentException("receive needs room for at least one byte, but the buffer has 0 "
                    + "bytes remaining: pass a buffer with space for the largest message expected");
        }
    }

    static void checkDeadline(long deadline, String operation) throws SocketTimeoutException {
        if (deadline != PollRegistration.NO_DEADLINE && deadline - System.nanoTime() <= 0) {
            throw new SocketTimeoutException(operation + " timed out: the deadline has passed");
        }
    }

    /**
     * Reads and drops every message the kernel has queued, without waiting, and returns the data bytes dropped.
     * Linux answers close(2) with ABORT instead of SHUTDOWN while unread data is queued, so a close that is meant
     * to be graceful despite unread data calls this first. It borrows a staging buffer from the pool. If another
     * thread is receiving, it takes what is queued itself, so nothing is dropped here.
     */
    public static long discardUnread(LinuxSctpSocket socket) {
        ReceivePath path = socket.receivePath;
        if (!path.lock.tryLock()) {
            return 0;
        }
        long dropped = 0;
        try {
            int raw;
            try {
                raw = socket.fileDescriptor().acquire();
            } catch (IOException e) {
                return 0;
            }
            try {
                ReadAhead ahead = path.readAheadIfAny();
                if (ahead != null) {
                    dropped += ahead.unreadDataBytes();
                    ahead.clear();
                }
                NativeBuffer staging = path.borrowStaging(1);
                try {
                    // Bounded: a peer that keeps sending could otherwise keep this loop going for ever.
                    for (int i = 0; i < MAX_DISCARDED_READS; i++) {
                        long r = LibC.recvmsg(raw, path.encode(staging.address(), staging.size()), MSG_DONTWAIT);
                        if (r <= 0) {
                            break;
                        }
                        if ((path.messageFlags() & MSG_NOTIFICATION) == 0) {
                            dropped += r;
                        }
                    }
                } finally {
                    path.giveBack(staging);
                }
            } finally {
                socket.fileDescriptor().release();
            }
        } finally {
            path.lock.unlock();
        }
        return dropped;
    }

    /**
     * Takes the path's lock and then the fd, held for the whole call: the path's buffers are freed only after the
     * last holder releases the fd, so nothing here can touch freed memory even if another thread closes.
     */
    static int enter(LinuxSctpSocket socket, java.util.concurrent.locks.ReentrantLock lock, long deadline,
            String operation) throws IOException {
        lock(socket, lock, deadline, operation);
        try {
            return socket.fileDescriptor().acquire();
        } catch (IOException | RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    static void exit(LinuxSctpSocket socket, java.util.concurrent.locks.ReentrantLock lock) {
        socket.fileDescriptor().release();
        lock.unlock();
    }

    /** Takes {@code lock} within {@code deadline}; an interrupt closes the socket, as with an InterruptibleChannel. */
    static void lock(LinuxSctpSocket socket, java.util.concurrent.locks.ReentrantLock lock, long deadline,
            String operation) throws IOException {
        try {
            if (deadline == PollRegistration.NO_DEADLINE) {
                lock.lockInterruptibly();
            } else if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()),
                    java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw new SocketTimeoutException(operation + " timed out waiting for another thread's "
                        + operation);
            }
        } catch (InterruptedException e) {
            // As with an InterruptibleChannel, an interrupt closes the socket.
            Thread.currentThread().interrupt();
            socket.close();
            throw new java.nio.channels.ClosedByInterruptException();
        }
    }
}
