package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.SctpAssociationAbortedException;
import dev.sctp.SendInfo;
import java.io.IOException;

/**
 * Turns a failed sendmsg into an error that names the limit and the fix. Runs only after a failure, so the
 * extra getsockopt calls cost nothing on the success path.
 */
final class SendErrors {

    private SendErrors() {
    }

    static IOException translate(LinuxSctpSocket socket, int errno, int length, SendInfo info) {
        try {
            if (errno == Errno.EINVAL) {
                int outbound = outboundStreams(socket);
                if (outbound > 0 && info.streamId() >= outbound) {
                    throw new IllegalArgumentException("stream " + info.streamId() + " is beyond the " + outbound
                            + " outbound streams negotiated for this association: use 0.." + (outbound - 1)
                            + ", or ask for more with InitOptions.outboundStreams before connecting");
                }
            } else if (errno == Errno.EADDRNOTAVAIL && info.peerAddress() != null) {
                throw new IllegalArgumentException("peer address " + info.peerAddress().getHostAddress()
                        + " is not one of this association's peer addresses " + socket.peerAddresses()
                        + ": send to one of those, or leave the peer address unset to use the primary path");
            } else if (errno == Errno.EMSGSIZE) {
                throw new IllegalArgumentException(messageSizeError(socket, length));
            } else if (errno == Errno.EPIPE || errno == Errno.ECONNRESET) {
                return new SctpAssociationAbortedException("sendmsg failed: " + Errno.describe(errno)
                        + ": the association was aborted or shut down; the " + length
                        + "-byte message was not sent", "sendmsg", errno);
            }
        } catch (IOException e) {
            // The socket died while we were asking about it: report the original failure.
        }
        return Errno.toException("sendmsg of " + length + " bytes", errno);
    }

    private static int outboundStreams(LinuxSctpSocket socket) throws IOException {
        return socket.get(SOL_SCTP, SCTP_STATUS, "SCTP_STATUS", StatusCodec.STATUS_SIZE, null,
                (b, len) -> Short.toUnsignedInt(b.getShort(StatusCodec.STATUS_OUTSTRMS)));
    }

    private static String messageSizeError(LinuxSctpSocket socket, int length) throws IOException {
        boolean noFragments = socket.getInt(SOL_SCTP, SCTP_DISABLE_FRAGMENTS, "SCTP_DISABLE_FRAGMENTS") != 0;
        if (noFragments) {
            int point = socket.get(SOL_SCTP, SCTP_STATUS, "SCTP_STATUS", StatusCodec.STATUS_SIZE, null,
                    (b, len) -> b.getInt(StatusCodec.STATUS_FRAGMENTATION_POINT));
            return "message of " + length + " bytes exceeds the fragmentation point of " + point
                    + " bytes while DISABLE_FRAGMENTS is on: send smaller messages or turn fragmentation on";
        }
        int sndbuf = socket.getInt(SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF");
        return "message of " + length + " bytes exceeds the send buffer of " + sndbuf
                + " bytes (SO_SNDBUF): send smaller messages or raise the send buffer size";
    }
}
