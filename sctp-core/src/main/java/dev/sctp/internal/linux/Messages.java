package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import dev.sctp.SendInfo;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/**
 * Sending and receiving whole messages on a {@link LinuxSctpSocket}: the entry points, the send loop, and the
 * lock-and-fd guard every message call runs under. The receive loop itself is {@link ReceiveLoop}.
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
                int n = ReceiveLoop.receiveLocked(socket, raw, path, data, length, dst, dst.position(), info, deadline);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            return ReceiveLoop.receiveHeap(socket, raw, path, null, dst, 0, MessagePath.heapReadLength(length), info,
                    deadline);
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
            return ReceiveLoop.receiveHeap(socket, raw, path, dst, null, offset, MessagePath.heapReadLength(length),
                    info, deadline);
        } finally {
            exit(socket, path.lock);
        }
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
