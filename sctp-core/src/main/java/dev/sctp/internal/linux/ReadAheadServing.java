package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Serving a receive from the {@link ReadAhead}: the messages one recvmmsg read beyond the caller's buffer, handed out
 * with the same message boundaries the kernel would have given.
 *
 * <p>Internal usage only, under the receive path's lock with the fd held.
 */
final class ReadAheadServing {

    private ReadAheadServing() {
    }

    /** {@link #serveAhead} served a part of a notification whose rest is still to be read. */
    static final int NOTIFICATION_CONTINUES = -2;

    /**
     * Serves the next read-ahead entry as a receive would have: a notification (reassembled across entries), the end
     * of the stream, or as much of a message as fits, joining its parts from the following entries and then from
     * the kernel, so the caller sees the same message boundaries as without read-ahead.
     */
    static int serveAhead(LinuxSctpSocket socket, int raw, ReceivePath path, ReadAhead ahead, long data,
            int length, ByteBuffer view, int viewOffset, ReceiveInfo info) throws IOException {
        if (ahead.takeEndOfStream()) {
            info.setEndOfStream();
            return Messages.END_OF_STREAM;
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
                        // records an abort; the next call reports it
                        ReceiveLoop.receiveError(socket, errno, "recvmsg");
                    }
                }
            }
            break;
        }
        ahead.decodeData(first, copied, complete, info);
        return copied;
    }
}
