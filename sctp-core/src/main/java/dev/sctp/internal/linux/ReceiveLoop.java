package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAssociationAbortedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The receive loop behind {@link Messages#receive} and {@link BatchMessages#receive}: recvmmsg with read-ahead,
 * the heap staging of a receive into a heap array or buffer, notifications, the end of the stream and errors.
 *
 * <p>Internal usage only. The caller holds the receive path's lock and the fd (see {@link Messages#enter}).
 */
final class ReceiveLoop {

    private ReceiveLoop() {
    }

    /**
     * A receive into a heap array ({@code array} from {@code offset}) or heap buffer ({@code buffer} from its
     * position) of {@code length} bytes, staged through a borrowed native buffer that is given back before each
     * wait: a receive parked on an idle socket holds no staging memory. The caller holds the lock and the fd.
     */
    static int receiveHeap(LinuxSctpSocket socket, int raw, ReceivePath path, byte @Nullable [] array,
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
                return Messages.END_OF_STREAM;
            }
        }
    }

    /** The checks before a receive: the socket's read deadline, and an abort already seen. */
    private static void checkReceivable(LinuxSctpSocket socket) throws IOException {
        Messages.checkDeadline(socket.poll().readDeadline(), "recvmsg");
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
                int served = ReadAheadServing.serveAhead(socket, raw, path, ahead, data, length, view, viewOffset,
                        info);
                if (served != ReadAheadServing.NOTIFICATION_CONTINUES) {
                    return served;
                }
                continue;
            }
            int seq = poll.readSeq();
            if (path.deferredErrno != 0) {
                int single = receiveSingle(socket, raw, path, data, length, view, viewOffset, info);
                if (single != ReadAheadServing.NOTIFICATION_CONTINUES) {
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
                        return Messages.END_OF_STREAM;
                    }
                    continue;
                }
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.ENOTCONN) {
                    // After our own SHUTDOWN completes, Linux reports ENOTCONN: that is the end of the stream.
                    info.setEndOfStream();
                    return Messages.END_OF_STREAM;
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
                return Messages.END_OF_STREAM;
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
                return ReadAheadServing.NOTIFICATION_CONTINUES; // (retry)
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
                return ReadAheadServing.NOTIFICATION_CONTINUES;
            }
            ByteBuffer whole = path.takeNotification();
            info.setNotification(NotificationDecoder.decode(whole, 0, whole.capacity()));
            return 0;
        }
        if (n == 0 && length > 0) {
            info.setEndOfStream();
            return Messages.END_OF_STREAM;
        }
        path.decodeData(n, (flags & MSG_EOR) != 0, info);
        return n;
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
}
