package dev.sctp;

import dev.sctp.internal.linux.LinuxSctpSocket;
import dev.sctp.internal.linux.OptionCodec;
import dev.sctp.internal.linux.PathOptionCodec;
import dev.sctp.internal.linux.StatusCodec;
import dev.sctp.notification.NotificationType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link SctpSocket} offers besides moving messages and its life cycle: timeouts and deadlines,
 * notification subscriptions, options, local and peer addresses, association status and per-path parameters. Its
 * public methods are {@link SctpSocket}'s; this class only keeps that file to one concern.
 */
abstract sealed class AssociationSocket permits SctpSocket {

    final LinuxSctpSocket socket;
    private volatile long readTimeoutNanos;
    private volatile long writeTimeoutNanos;

    AssociationSocket(LinuxSctpSocket socket) {
        this.socket = socket;
    }

    // ---- deadlines -------------------------------------------------------------------------------------------

    /** Sets the timeout of every later receive (zero: none). */
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = SocketSetup.timeoutNanos("read timeout", timeout);
    }

    /** Sets the timeout of every later send (zero: none). */
    public void setWriteTimeout(Duration timeout) {
        writeTimeoutNanos = SocketSetup.timeoutNanos("write timeout", timeout);
    }

    /** Returns the receive timeout; zero means none. */
    public Duration getReadTimeout() {
        return Duration.ofNanos(readTimeoutNanos);
    }

    /** Returns the send timeout; zero means none. */
    public Duration getWriteTimeout() {
        return Duration.ofNanos(writeTimeoutNanos);
    }

    /**
     * Sets an absolute deadline for receives and sends, including ones already waiting; null removes it. A passed
     * deadline makes every call time out at once until it is moved.
     */
    public void setDeadline(Instant deadline) {
        setReadDeadline(deadline);
        setWriteDeadline(deadline);
    }

    /** Sets the absolute deadline of receives, including one already waiting; null removes it. */
    public void setReadDeadline(Instant deadline) {
        socket.poll().setReadDeadline(SocketSetup.deadline(deadline));
    }

    /** Sets the absolute deadline of sends, including one already waiting; null removes it. */
    public void setWriteDeadline(Instant deadline) {
        socket.poll().setWriteDeadline(SocketSetup.deadline(deadline));
    }

    final long readDeadline() {
        return SocketSetup.deadlineAfter(readTimeoutNanos);
    }

    final long writeDeadline() {
        return SocketSetup.deadlineAfter(writeTimeoutNanos);
    }

    // ---- notifications, options, addresses -------------------------------------------------------------------

    /** Turns on delivery of the given notification types (SCTP_EVENT). */
    public void subscribe(NotificationType... types) throws IOException {
        SocketSetup.subscribe(socket, SocketSetup.typeSet(types), true);
    }

    /** Turns off delivery of the given notification types. */
    public void unsubscribe(NotificationType... types) throws IOException {
        SocketSetup.subscribe(socket, SocketSetup.typeSet(types), false);
    }

    /** Returns a socket option's value; see {@link SctpOptions}. */
    public <T> T getOption(SctpOption<T> option) throws IOException {
        return OptionCodec.get(socket, option);
    }

    /** Adds local addresses to the association at run time (bindx add), at the bound port. */
    public void bindAdd(List<InetAddress> addresses) throws IOException {
        socket.bindx(addresses, localPortForBindx(), true);
    }

    /** Removes local addresses at run time (bindx remove); removing the last one fails. */
    public void bindRemove(List<InetAddress> addresses) throws IOException {
        socket.bindx(addresses, localPortForBindx(), false);
    }

    private int localPortForBindx() throws IOException {
        List<InetSocketAddress> local = socket.localAddresses();
        if (local.isEmpty()) {
            throw new SocketException("socket is not bound: bind it before adding or removing addresses");
        }
        return local.get(0).getPort();
    }

    /** Returns the local addresses and port, read fresh from the kernel (SCTP_GET_LOCAL_ADDRS). */
    public SctpAddress localAddress() throws IOException {
        return toAddress(socket.localAddresses());
    }

    /** Returns the peer's addresses and port, read fresh from the kernel (SCTP_GET_PEER_ADDRS). */
    public SctpAddress remoteAddress() throws IOException {
        return toAddress(socket.peerAddresses());
    }

    static SctpAddress toAddress(List<InetSocketAddress> list) {
        if (list.isEmpty()) {
            return SctpAddress.wildcard(0);
        }
        return SctpAddress.of(list.stream().map(InetSocketAddress::getAddress).toList(), list.get(0).getPort());
    }

    // ---- status and per-path parameters ----------------------------------------------------------------------

    /**
     * Returns the association's state, negotiated stream counts, windows and primary path (SCTP_STATUS, RFC 6458
     * section 8.2.1).
     *
     * @throws SctpException if the socket has no association (not yet connected, or already shut down)
     */
    public SctpStatus status() throws IOException {
        return StatusCodec.status(socket);
    }

    /**
     * Returns the state, congestion window, RTO and MTU of the path to {@code path}, one of the peer's addresses
     * (SCTP_GET_PEER_ADDR_INFO, RFC 6458 section 8.2.2).
     *
     * @throws IllegalArgumentException if {@code path} is not one of {@link #remoteAddress()}'s addresses
     */
    public PeerAddressInfo peerAddressInfo(InetSocketAddress path) throws IOException {
        return StatusCodec.peerAddressInfo(socket, path);
    }

    /** Returns {@link #peerAddressInfo} for every address of the peer, in the kernel's order. */
    public List<PeerAddressInfo> paths() throws IOException {
        return StatusCodec.paths(socket);
    }

    /**
     * Returns the association's packet and chunk counters (SCTP_GET_ASSOC_STATS). Each call resets the observed
     * maximum RTO; see {@link AssociationStats}.
     */
    public AssociationStats associationStats() throws IOException {
        return StatusCodec.associationStats(socket);
    }

    /**
     * Returns the heartbeat, retransmission, MTU and SACK settings of the path to {@code path}, or with
     * {@code null} the association's (SCTP_PEER_ADDR_PARAMS). Modify the result and pass it to
     * {@link #setPeerAddressParameters} to change one setting.
     *
     * @throws IllegalArgumentException if {@code path} is not one of the peer's addresses
     */
    public PeerAddressParameters getPeerAddressParameters(@Nullable InetSocketAddress path) throws IOException {
        return PathOptionCodec.get(socket, path);
    }

    /**
     * Applies {@code parameters} to the path of its {@link PeerAddressParameters#address()}, or to every path when
     * that is null; the same as {@code setOption(SctpOptions.PEER_ADDR_PARAMS, parameters)}.
     */
    public void setPeerAddressParameters(PeerAddressParameters parameters) throws IOException {
        PathOptionCodec.set(socket, parameters);
    }
}
