package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import dev.sctp.SendInfo;
import java.io.IOException;

/**
 * Receiving and sending a {@link MessageBatch} with one recvmmsg(2) or sendmmsg(2), with the same locking, waiting,
 * end-of-stream and error handling as the single-message paths in {@link Messages}.
 *
 * <p>Internal usage only.
 */
public final class BatchMessages {

    private BatchMessages() {
    }

    /**
     * Receives every queued message, up to the batch's capacity, with one recvmmsg(2), waiting for the first.
     * Returns the number of messages (notifications included), or {@link Messages#END_OF_STREAM} when the stream ended
     * before any message.
     */
    public static int receive(LinuxSctpSocket socket, MessageBatch batch, long deadline) throws IOException {
        ReceivePath path = socket.receivePath;
        int raw = Messages.enter(socket, path.lock, deadline, "recvmmsg");
        try {
            ReadAhead ahead = path.readAheadIfAny();
            if (ahead != null && ahead.hasPending() || path.deferredErrno != 0) {
                // Messages read ahead by a single receive come first, one per call, as that receive would serve them.
                ReceiveInfo info = path.batchInfo();
                int n = ReceiveLoop.receiveLocked(socket, raw, path, batch.slotAddress(0), batch.maxMessageSize(),
                        batch.slotView(0), 0, info, deadline);
                return n < 0 ? Messages.END_OF_STREAM : batch.setFirst(info);
            }
            PollRegistration poll = socket.poll();
            Messages.checkDeadline(poll.readDeadline(), "recvmmsg");
            socket.checkNotAborted("recvmmsg");
            for (;;) {
                int seq = poll.readSeq();
                int r = LibC.recvmmsg(raw, batch.encodeReceive(), batch.capacity(), 0, 0L);
                if (r > 0) {
                    int n = batch.decodeReceive(r);
                    return n > 0 ? n : Messages.END_OF_STREAM;
                }
                int errno = r == 0 ? Errno.EAGAIN : LibC.errno();
                if (errno == Errno.EAGAIN) {
                    if (!socket.awaitReadableWhileAssociated(seq, deadline, "recvmmsg")) {
                        return Messages.END_OF_STREAM;
                    }
                } else if (errno == Errno.ENOTCONN) {
                    return Messages.END_OF_STREAM;
                } else if (errno != Errno.EINTR) {
                    // A socket error comes ahead of queued messages here; the single path reads those first.
                    path.deferredErrno = errno;
                    ReceiveInfo info = path.batchInfo();
                    int n = ReceiveLoop.receiveLocked(socket, raw, path, batch.slotAddress(0), batch.maxMessageSize(),
                            batch.slotView(0), 0, info, deadline);
                    return n < 0 ? Messages.END_OF_STREAM : batch.setFirst(info);
                }
            }
        } finally {
            Messages.exit(socket, path.lock);
        }
    }

    /** Sends every message of the batch with sendmmsg(2), each with its stream and PPID; waits for room as needed. */
    public static int send(LinuxSctpSocket socket, MessageBatch batch, long deadline) throws IOException {
        SendPath path = socket.sendPath;
        int raw = Messages.enter(socket, path.lock, deadline, "sendmmsg");
        try {
            PollRegistration poll = socket.poll();
            Messages.checkDeadline(poll.writeDeadline(), "sendmmsg");
            int sent = 0;
            while (sent < batch.count()) {
                int seq = poll.writeSeq();
                int r = LibC.sendmmsg(raw, batch.encodeSend(sent), batch.count() - sent, MSG_NOSIGNAL);
                if (r > 0) {
                    sent += r;
                    continue;
                }
                int errno = r == 0 ? Errno.EAGAIN : LibC.errno();
                if (errno == Errno.EAGAIN) {
                    socket.awaitWritable(seq, deadline, "sendmmsg");
                } else if (errno != Errno.EINTR) {
                    throw SendErrors.translate(socket, errno, batch.length(sent),
                            SendInfo.of(batch.streamId(sent), batch.ppid(sent)));
                }
            }
            if (poll.isWriteArmed()) {
                poll.disarmWritable();
            }
            return sent;
        } finally {
            Messages.exit(socket, path.lock);
        }
    }
}
