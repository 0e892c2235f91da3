package dev.sctp;

import dev.sctp.internal.linux.BatchMessages;
import dev.sctp.internal.linux.LinuxSctpSocket;
import dev.sctp.internal.linux.Messages;
import dev.sctp.internal.linux.OptionCodec;
import dev.sctp.internal.linux.SctpConstants;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One end of a one-to-one SCTP association ({@code SOCK_STREAM}): whole messages on numbered streams, with
 * notifications in order with the data.
 *
 * <p>Calls block by parking the calling thread, never inside a native call, so they are safe on virtual threads.
 * Each has a timeout ({@link #setReadTimeout}, {@link #setWriteTimeout}) and honours an absolute deadline
 * ({@link #setDeadline}); either raises {@link java.net.SocketTimeoutException} and leaves the association usable.
 * One thread may receive while another sends; {@link #close()} from any thread wakes both. An interrupted
 * blocking call closes the socket, as with an {@link java.nio.channels.InterruptibleChannel}.
 *
 * <pre>{@code
 * try (SctpSocket socket = SctpSocket.dial(SctpAddress.parse("10.0.0.1/10.0.0.2:3868"))) {
 *     socket.send("hello".getBytes(UTF_8), SendInfo.of(0, 46));
 *     ReceiveInfo info = new ReceiveInfo();
 *     byte[] buf = new byte[65536];
 *     int n = socket.receive(buf, 0, buf.length, info);
 * }
 * }</pre>
 */
public final class SctpSocket extends AssociationSocket implements Closeable {

    private final SctpNetwork network;
    private volatile boolean connected;
    private volatile int associationId;
    private InputStream input;
    private OutputStream output;

    private SctpSocket(SctpNetwork network, LinuxSctpSocket socket, boolean connected) {
        super(socket);
        this.network = network;
        this.connected = connected;
    }

    /**
     * Opens an unconnected socket of {@code network} for addresses like {@code addressHint}, so options can be set
     * before {@link #bind} and {@link #connect}. The family follows {@link SctpNetwork}: AF_INET when the hint is
     * all IPv4 on {@code sctp}, else a dual-stack AF_INET6 socket.
     *
     * @throws SctpUnavailableException if the kernel has no SCTP
     */
    public static SctpSocket open(SctpNetwork network, SctpAddress addressHint) throws IOException {
        int family = SocketSetup.family(network, addressHint.addresses());
        return new SctpSocket(network, SocketSetup.open(network, family), false);
    }

    /** Opens an unconnected dual-stack socket; see {@link #open(SctpNetwork, SctpAddress)}. */
    public static SctpSocket open() throws IOException {
        return open(SctpNetwork.SCTP, SctpAddress.wildcard(0));
    }

    /** Opens a socket and connects it to every address of {@code remote} at once, with no timeout. */
    public static SctpSocket dial(SctpAddress remote) throws IOException {
        return dial(remote, Duration.ZERO);
    }

    /**
     * Opens a socket and connects it to every address of {@code remote} at once, failing with
     * {@link java.net.SocketTimeoutException} after {@code timeout} (zero: no timeout).
     */
    public static SctpSocket dial(SctpAddress remote, Duration timeout) throws IOException {
        return dial(remote, null, null, timeout);
    }

    /**
     * Opens a socket, binds it to every address of {@code local} when given (multi-homed; port 0 picks one), asks
     * for {@code init}'s stream counts and INIT limits when given, and connects to every address of {@code remote}
     * at once, failing with {@link java.net.SocketTimeoutException} after {@code timeout} (zero: no timeout). It is
     * {@link #open}, {@link #bind}, {@link SctpOptions#INIT_MSG} and {@link #connect} in one call.
     */
    public static SctpSocket dial(SctpAddress remote, @Nullable SctpAddress local, @Nullable InitOptions init,
            Duration timeout) throws IOException {
        return SocketSetup.dial(remote, local, init, timeout);
    }

    static SctpSocket accepted(SctpNetwork network, LinuxSctpSocket socket) throws IOException {
        SocketSetup.applyDefaults(socket);
        List<InetSocketAddress> peer = socket.peerAddresses();
        if (!peer.isEmpty()) {
            socket.setPeerPort(peer.get(0).getPort());
        }
        SctpSocket accepted = new SctpSocket(network, socket, true);
        accepted.associationId = SocketSetup.acceptedAssociationId(socket);
        return accepted;
    }

    /** Binds to every address of {@code local} (bindx); port 0 picks an ephemeral port. */
    public void bind(SctpAddress local) throws IOException {
        requireOpen();
        socket.bindx(local.addresses(), local.port(), true);
    }

    /** Connects with no timeout; see {@link #connect(SctpAddress, Duration)}. */
    public void connect(SctpAddress remote) throws IOException {
        connect(remote, Duration.ZERO);
    }

    /**
     * Connects to every address of {@code remote} at once (connectx) and waits until the association is up, the
     * timeout passes ({@link java.net.SocketTimeoutException}), or the socket is closed or the thread interrupted.
     * A refused INIT gives a {@link java.net.ConnectException} at once, and so does an INIT nobody answers once the
     * kernel has sent it as often as {@link SctpOptions#INIT_MSG} allows (the kernel's ETIMEDOUT): the association
     * never came up, unlike after this call's own timeout.
     */
    public void connect(SctpAddress remote, Duration timeout) throws IOException {
        connect(remote, SocketSetup.deadline("connect timeout", timeout));
    }

    /** Connects like {@link #connect(SctpAddress, Duration)}, giving up at the wall-clock {@code deadline}. */
    public void connect(SctpAddress remote, Instant deadline) throws IOException {
        connect(remote, SocketSetup.deadline(deadline));
    }

    private void connect(SctpAddress remote, long deadline) throws IOException {
        requireOpen();
        if (remote.port() == 0) {
            throw new IllegalArgumentException("missing port in remote address " + remote);
        }
        if (connected) {
            throw new SctpException("already connected: a one-to-one socket carries one association; open another"
                    + " socket to connect elsewhere", "connect", dev.sctp.internal.linux.Errno.EISCONN);
        }
        List<InetAddress> targets = remote.isWildcard() ? List.of(InetAddress.getLoopbackAddress()) : remote.addresses();
        int id = socket.connectx(targets, remote.port(), deadline);
        SocketSetup.rejectSelfConnect(socket, remote);
        socket.setPeerPort(remote.port());
        associationId = id;
        connected = true;
    }

    /**
     * Returns the kernel's id of this socket's association: the one {@code SCTP_SOCKOPT_CONNECTX3} returned for a
     * connected socket, the one {@code SCTP_STATUS} reported at accept for an accepted one. It equals
     * {@link SctpStatus#associationId()} and the {@code assoc_id} of notifications and {@link ReceiveInfo}. It is 0
     * before the association is established, and on kernels too old to report one (before CONNECTX3, 2.6.33); it
     * stays as it was after the association ends.
     */
    public int associationId() {
        return associationId;
    }

    // ---- messages --------------------------------------------------------------------------------------------

    /**
     * Sends the remaining bytes of {@code src} as one message, as {@code info} says, and advances its position.
     * With a direct buffer nothing is allocated.
     *
     * @return the number of bytes sent: all of them, as SCTP sends whole messages
     * @throws IllegalArgumentException if the stream is beyond the negotiated count, the message is too large, or it
     *     is empty without {@link SendInfo#eof() EOF} (an empty message with EOF only shuts the association down)
     * @throws SctpAssociationAbortedException if the association was aborted
     */
    public int send(ByteBuffer src, SendInfo info) throws IOException {
        if (!src.hasRemaining()) {
            return sendNothing(info);
        }
        int n = Messages.send(socket, src, info, writeDeadline());
        afterSend(info);
        return n;
    }

    /** Sends {@code src} as one message; see {@link #send(ByteBuffer, SendInfo)}. */
    public int send(byte[] src, SendInfo info) throws IOException {
        return send(src, 0, src.length, info);
    }

    /** Sends {@code length} bytes of {@code src} from {@code offset} as one message. */
    public int send(byte[] src, int offset, int length, SendInfo info) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        if (length == 0) {
            return sendNothing(info);
        }
        int n = Messages.send(socket, src, offset, length, info, writeDeadline());
        afterSend(info);
        return n;
    }

    /**
     * Sends the remaining bytes of {@code src} as one message, as {@code info} says but on {@code streamId} with
     * {@code ppid} (host byte order), and advances its position. For stream and PPID that change per message: unlike
     * {@code info.withStream(s).withPpid(p)}, it allocates nothing. The message always carries these explicitly, so
     * {@link SctpOptions#DEFAULT_SNDINFO} does not apply to it, even with {@link SendInfo#DEFAULT}.
     *
     * @throws IllegalArgumentException if {@code streamId} is outside 0..65535 or beyond the negotiated count
     */
    public int send(ByteBuffer src, SendInfo info, int streamId, int ppid) throws IOException {
        if (!src.hasRemaining()) {
            return sendNothing(info);
        }
        int n = Messages.send(socket, src, info, streamId, ppid, true, writeDeadline());
        afterSend(info);
        return n;
    }

    /**
     * Like {@link #send(ByteBuffer, SendInfo, int, int)}, from {@code length} bytes of {@code src} at
     * {@code offset}.
     */
    public int send(byte[] src, int offset, int length, SendInfo info, int streamId, int ppid) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        if (length == 0) {
            return sendNothing(info);
        }
        int n = Messages.send(socket, src, offset, length, info, streamId, ppid, true, writeDeadline());
        afterSend(info);
        return n;
    }

    /** An empty message with EOF is the usual way to say "no more": it only shuts the output down. */
    private int sendNothing(SendInfo info) throws IOException {
        if (!info.eof()) {
            throw new IllegalArgumentException("cannot send an empty message: an SCTP DATA chunk carries at least "
                    + "one byte; send a payload, or use SendInfo.withEof(true) to shut the association down");
        }
        shutdownOutput();
        return 0;
    }

    private void afterSend(SendInfo info) throws IOException {
        if (info.eof()) {
            shutdownOutput();
        }
    }

    /**
     * Receives the next message, or the next part of one, into {@code dst} from its position, and describes it in
     * {@code info}. Notifications arrive in order with the data: for one, this returns 0, leaves {@code dst}
     * unchanged and sets {@link ReceiveInfo#notification()}.
     *
     * @return bytes received; 0 for a notification; -1 at the end of the stream (the peer shut down)
     * <p>When several messages are queued, one system call (recvmmsg) takes this one and up to 8 more, which the
     * following receives return without a system call; message boundaries, notifications and the end of the stream
     * come exactly as they would one by one. Read-ahead messages count as unread for {@link #close()}.
     *
     * <p>A reader that falls behind closes the receive window and so slows the peer down; give it a receive buffer
     * of {@link SctpOptions#SLOW_READER_RCVBUF}, or Linux costs the peer retransmission timeouts of 1 s each.
     *
     * <p>A receive into a heap buffer or array reads at most 16 MiB per call; a longer message arrives in parts
     * ({@link ReceiveInfo#complete()} false until the last), as it would into a smaller buffer.
     *
     * @return bytes received; 0 for a notification; -1 at the end of the stream (the peer shut down)
     * @throws IllegalArgumentException if {@code dst} has no room left (nothing is read)
     * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only (nothing is read)
     * @throws SctpException with errno ENOTCONN if the socket never connected, or its connect failed: it has no
     *     association to receive from, and the kernel would make the call wait for ever
     * @throws SctpAssociationAbortedException if the association was aborted, or failed because the peer stopped
     *     answering and retransmissions ran out
     */
    public int receive(ByteBuffer dst, ReceiveInfo info) throws IOException {
        requireConnected();
        return Messages.receive(socket, dst, info, readDeadline());
    }

    /** Like {@link #receive(ByteBuffer, ReceiveInfo)}, into {@code length} bytes of {@code dst} from {@code offset}. */
    public int receive(byte[] dst, int offset, int length, ReceiveInfo info) throws IOException {
        requireConnected();
        return Messages.receive(socket, dst, offset, length, info, readDeadline());
    }

    /**
     * Receives every message queued for this socket, up to the batch's capacity, with one system call, waiting for
     * the first one as {@link #receive(ByteBuffer, ReceiveInfo)} does. The batch then holds them in order, data and
     * notifications alike; see {@link SctpMessageBatch}.
     *
     * @return the number of messages received, or -1 at the end of the stream
     * @throws SctpException with errno ENOTCONN if the socket never connected
     * @throws SctpAssociationAbortedException if the association was aborted
     */
    public int receive(SctpMessageBatch batch) throws IOException {
        requireConnected();
        return BatchMessages.receive(socket, batch.internal(), readDeadline());
    }

    /**
     * Sends every message of the batch, each on its own stream with its own PPID, with as few system calls as the
     * send buffer allows (one when there is room), waiting for room as {@link #send(ByteBuffer, SendInfo)} does.
     * The batch keeps its messages; {@link SctpMessageBatch#clear()} it to fill it again.
     *
     * @return the number of messages sent: all of them
     */
    public int send(SctpMessageBatch batch) throws IOException {
        return BatchMessages.send(socket, batch.internal(), writeDeadline());
    }

    /**
     * A one-to-one socket without an association answers recvmsg with EAGAIN for ever (Linux lets a CLOSED socket
     * read what is left), so without this check the receive would wait for ever.
     */
    private void requireConnected() throws IOException {
        if (!connected && !socket.isClosed()) {
            throw new SctpException("receive on a socket that is not connected: connect it first (connect or dial), "
                    + "or receive on a socket accepted from an SctpServerSocket; after a failed connect, open a new "
                    + "socket and connect again", "recvmsg", 107);
        }
    }

    /** Returns an input stream of the data of every stream, without message boundaries; notifications are skipped. */
    public synchronized InputStream getInputStream() {
        if (input == null) {
            input = new SctpInputStream(this);
        }
        return input;
    }

    /** Returns an output stream that sends each write as one message on stream 0. */
    public synchronized OutputStream getOutputStream() {
        if (output == null) {
            output = new SctpOutputStream(this);
        }
        return output;
    }

    // ---- options (the others, and addresses, status and deadlines: AssociationSocket) ------------------------

    /** Sets a socket option; see {@link SctpOptions}. */
    public <T> SctpSocket setOption(SctpOption<T> option, T value) throws IOException {
        OptionCodec.set(socket, option, value);
        return this;
    }

    // ---- shutdown and close ----------------------------------------------------------------------------------

    /**
     * Half-closes: no more sends, and SHUTDOWN goes to the peer once everything queued is acknowledged. Receiving
     * continues until the peer's end of stream.
     */
    public void shutdownOutput() throws IOException {
        socket.shutdown(SctpConstants.SHUT_WR);
    }

    /** Aborts the association: an ABORT goes to the peer at once, queued data is dropped, and the socket closes. */
    public void abort() throws IOException {
        SocketClosing.abort(socket);
    }

    /**
     * Closes and wakes any thread waiting in this socket, with the kernel's semantics: if no received data is left
     * unread, the association shuts down gracefully (SHUTDOWN once everything sent is acknowledged); if data was
     * received that nobody read, Linux sends ABORT instead, so the peer learns that data was lost (as TCP sends RST).
     * To shut down gracefully anyway and drop what was not read, call {@link #closeDiscardingUnread()}. With a
     * positive {@link SctpOptions#SO_LINGER}, first waits (parked, never inside a system call) up to that long for the
     * SHUTDOWN to complete. Idempotent.
     */
    @Override
    public void close() {
        SocketClosing.close(socket, connected, false);
    }

    /**
     * Like {@link #close()}, but first reads and drops every message still queued for this socket, so the
     * association shuts down gracefully instead of being aborted. The peer is told all is well for data nobody
     * read: use it only when that data does not matter, such as a server stopping a connection it has finished with.
     * Data that arrives while closing can still make the kernel abort. Idempotent.
     *
     * @return the number of data bytes dropped (0 when nothing was unread or the socket was already closed)
     */
    public long closeDiscardingUnread() {
        return SocketClosing.close(socket, connected, true);
    }

    /** Returns whether {@link #close()} or {@link #abort()} was called. */
    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Returns whether the association was established (by connect or accept). */
    public boolean isConnected() {
        return connected;
    }

    /** Returns the network this socket was opened for. */
    public SctpNetwork network() {
        return network;
    }

    LinuxSctpSocket linux() {
        return socket;
    }

    private void requireOpen() throws ClosedChannelException {
        if (socket.isClosed()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return "SctpSocket[" + network.networkName() + (connected ? ", connected" : "") + (isClosed() ? ", closed" : "")
                + "]";
    }
}
